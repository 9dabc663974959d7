import { inject } from '@adonisjs/core'
import { urlFor } from '@adonisjs/core/services/url_builder'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import { postMessageValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Posting to a room and deleting messages without JavaScript
 */
@inject()
export default class MessagesController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService
  ) {}

  /**
   * Posts the message (live clients see it like any other), then shows the
   * room again at the new message (a resend shows the stored one)
   */
  async store({ params, request, response, auth }: HttpContext) {
    const { text, client_id: clientId } = await request.validateUsing(postMessageValidator)
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const stored = await this.messages.post(room, user, { text, clientId: clientId ?? null })
    const anchor = stored ? `#message-${stored.seq}` : ''
    return response.redirect().toPath(`${urlFor('rooms.show', { id: room.id })}${anchor}`)
  }

  /**
   * Deletes a message (the author's own, or any in a room one owns), then
   * shows the room again
   */
  async destroy({ params, response, auth, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await this.messages.remove(room, user, params.seq, null)
    session.flash('success', i18n.t('flash.message_deleted'))
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }
}

import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import PinnedMessagesService from '#services/rooms/pinned_messages_service'
import { pinMessageValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's pinned messages: everyone who sees the room reads the list;
 * whoever moderates it pins and unpins (forms that work without JavaScript)
 */
@inject()
export default class PinsController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService,
    protected pins: PinnedMessagesService
  ) {}

  /**
   * The pinned messages, newest pin first
   */
  async index({ params, view, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    return view.render('pages/rooms/pins', { room, pins: await this.pins.list(room) })
  }

  /**
   * Pins the message `seq`, then shows the room at it
   */
  async store({ params, request, response, auth, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const { seq, client_id: clientId } = await request.validateUsing(pinMessageValidator)
    await this.messages.pin(room, user, seq, true, clientId ?? null)
    session.flash('success', i18n.t('pins.flash.pinned'))
    return response.redirect().toRoute('pins.index', { id: room.id })
  }

  /**
   * Unpins the message `seq`
   */
  async destroy({ params, response, auth, session, i18n }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    await this.messages.pin(room, user, params.seq, false, null)
    session.flash('success', i18n.t('pins.flash.unpinned'))
    return response.redirect().toRoute('pins.index', { id: room.id })
  }
}

import { inject } from '@adonisjs/core'
import { urlFor } from '@adonisjs/core/services/url_builder'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import MessageReactionsService from '#services/chat/message_reactions_service'
import { reactionValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Reacting without JavaScript: a form toggles one's reaction with an emoji
 */
@inject()
export default class ReactionsController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService,
    protected reactions: MessageReactionsService
  ) {}

  /**
   * Adds the reaction, or withdraws it when one had it; back to the message
   */
  async store({ params, request, response, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const { emoji, client_id: clientId } = await request.validateUsing(reactionValidator)
    const on = !(await this.reactions.hasReacted(room, params.seq, user, emoji))
    await this.messages.react(room, user, params.seq, { emoji, on, clientId: clientId ?? null })
    return response
      .redirect()
      .toPath(`${urlFor('rooms.show', { id: room.id })}#message-${params.seq}`)
  }
}

import { inject } from '@adonisjs/core'
import { urlFor } from '@adonisjs/core/services/url_builder'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import MessageReactionsService from '#services/chat/message_reactions_service'
import MessageHistoryService from '#services/chat/message_history_service'
import { reactionValidator } from '#validators/message'
import { EMOJI } from '#client/reactions/emoji_data'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Message from '#models/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Reacting without JavaScript: a page of emoji to choose from, and a form
 * that toggles one's reaction with an emoji
 */
@inject()
export default class ReactionsController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService,
    protected reactions: MessageReactionsService,
    protected history: MessageHistoryService
  ) {}

  /**
   * The emoji to react with to message `seq` (the picker's list), the
   * reader's own reactions pressed; a 404 for a message the room lacks
   */
  async create({ params, view, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const message = await this.history.find(room.id, params.seq)
    if (!message || message.deletedAt) throw new lucidErrors.E_ROW_NOT_FOUND(Message)
    const summaries = await this.reactions.ofMessage(room, message.seq)
    const mine = new Set(
      summaries
        .filter((summary) => summary.users.some((someone) => someone.id === user.id))
        .map((summary) => summary.emoji)
    )
    return view.render('pages/messages/react', { room, message, emoji: EMOJI, mine })
  }

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

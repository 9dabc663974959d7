import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import MessageReactionsService from '#services/chat/message_reactions_service'
import LogEntryTransformer from '#transformers/log_entry_transformer'
import { reactionValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A message's reactions as JSON: read them, react, withdraw (each a log entry)
 */
@inject()
export default class ReactionsController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService,
    protected reactions: MessageReactionsService
  ) {}

  /**
   * `{data: [{emoji, users: [{id, username, displayName?}]}]}`, emoji in the order first used
   */
  async index({ params, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    return { data: await this.reactions.ofMessage(room, params.seq) }
  }

  /**
   * Reacts with `{emoji}`; answers the `react` entry of the log
   */
  async store({ params, request, response, auth, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const { emoji, client_id: clientId } = await request.validateUsing(reactionValidator)
    const entry = await this.messages.react(room, user, params.seq, {
      emoji,
      on: true,
      clientId: clientId ?? null,
    })
    return response.created(await serialize(LogEntryTransformer.transform(entry)))
  }

  /**
   * Withdraws one's reaction `{emoji}`; answers the `unreact` entry
   */
  async destroy({ params, request, auth, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const { emoji, client_id: clientId } = await request.validateUsing(reactionValidator)
    const entry = await this.messages.react(room, user, params.seq, {
      emoji,
      on: false,
      clientId: clientId ?? null,
    })
    return serialize(LogEntryTransformer.transform(entry))
  }
}

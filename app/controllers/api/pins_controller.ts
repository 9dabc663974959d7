import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import PinnedMessagesService from '#services/rooms/pinned_messages_service'
import LogEntryTransformer from '#transformers/log_entry_transformer'
import { deleteMessageValidator, pinMessageValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's pins as JSON: the list, pin and unpin (each a log entry)
 */
@inject()
export default class PinsController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService,
    protected pins: PinnedMessagesService
  ) {}

  /**
   * The pinned messages, newest pin first: `{data: [{seq, text, html, user, pinnedAt}]}`
   */
  async index({ params, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const pins = await this.pins.list(room)
    return {
      data: pins.map((message) => ({
        seq: message.seq,
        user: { id: message.author.id, username: message.author.username },
        text: message.body,
        html: message.bodyHtml,
        pinnedAt: message.pinnedAt!.toISO(),
      })),
    }
  }

  /**
   * Pins `{seq}`; answers the `pin` entry of the log
   */
  async store({ params, request, response, auth, serialize }: HttpContext) {
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const { seq, client_id: clientId } = await request.validateUsing(pinMessageValidator)
    const entry = await this.messages.pin(room, user, seq, true, clientId ?? null)
    return response.created(await serialize(LogEntryTransformer.transform(entry)))
  }

  /**
   * Unpins message `seq`; answers the `unpin` entry of the log
   */
  async destroy({ params, request, auth, serialize }: HttpContext) {
    const { client_id: clientId } = await request.validateUsing(deleteMessageValidator)
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const entry = await this.messages.pin(room, user, params.seq, false, clientId ?? null)
    return serialize(LogEntryTransformer.transform(entry))
  }
}

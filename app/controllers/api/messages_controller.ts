import { inject } from '@adonisjs/core'
import { errors as vineErrors } from '@vinejs/vine'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import MessageLogService from '#services/chat/message_log_service'
import IdempotentPostService from '#services/chat/idempotent_post_service'
import LogEntryTransformer from '#transformers/log_entry_transformer'
import {
  apiPostMessageValidator,
  deleteMessageValidator,
  editMessageValidator,
  idempotencyKeyValidator,
  messageLogValidator,
} from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A room's log for API clients: reading it, posting, editing and deleting
 * messages; each write answers the log entry it appended (live clients get
 * the same entry over the chat socket)
 */
@inject()
export default class MessagesController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService,
    protected log: MessageLogService,
    protected posts: IdempotentPostService
  ) {}

  /**
   * A page of the room's log: `{ data: [entries], meta }`
   */
  async index({ params, request, auth, serialize }: HttpContext) {
    const cursor = await request.validateUsing(messageLogValidator)
    if (cursor.since !== undefined && cursor.before !== undefined) {
      throw new vineErrors.E_VALIDATION_ERROR([
        { field: 'before', rule: 'exclusive', message: 'Use either since or before, not both' },
      ])
    }
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const { entries, meta } = await this.log.page(room.id, cursor)
    const { data } = await serialize(LogEntryTransformer.transform(entries))
    return { data, meta: { ...meta, lastSeq: room.lastSeq } }
  }

  /**
   * Posts a message (201 with its entry); a retry with the same
   * `Idempotency-Key` and body answers the same entry, `Idempotent-Replayed: true`
   */
  async store({ params, request, response, auth, serialize }: HttpContext) {
    const { text, reply_to: replyTo } = await request.validateUsing(apiPostMessageValidator)
    const header = await idempotencyKeyValidator.validate({
      'Idempotency-Key': request.header('idempotency-key'),
    })
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const key = header['Idempotency-Key'] ?? null
    const { entry, replayed } = await this.posts.post(room, user, { text, replyTo }, key)
    if (replayed) response.header('Idempotent-Replayed', 'true')
    response.status(201)
    return serialize(LogEntryTransformer.transform(entry))
  }

  /**
   * Edits one of the token user's messages
   */
  async update({ params, request, auth, serialize }: HttpContext) {
    const { text, client_id: clientId } = await request.validateUsing(editMessageValidator)
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const entry = await this.messages.edit(room, user, params.seq, {
      text,
      clientId: clientId ?? null,
    })
    return serialize(LogEntryTransformer.transform(entry))
  }

  /**
   * Deletes a message of the token user's, or any message of a room they own
   */
  async destroy({ params, request, auth, serialize }: HttpContext) {
    const { client_id: clientId } = await request.validateUsing(deleteMessageValidator)
    const user = auth.getUserOrFail()
    const room = await this.rooms.findVisibleOrFail(params.id, user)
    const entry = await this.messages.remove(room, user, params.seq, clientId ?? null)
    return serialize(LogEntryTransformer.transform(entry))
  }
}

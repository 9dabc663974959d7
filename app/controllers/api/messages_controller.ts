import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import MessageService from '#services/chat/message_service'
import LogEntryTransformer from '#transformers/log_entry_transformer'
import { deleteMessageValidator, editMessageValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Editing and deleting messages for API clients; each answers the log entry
 * it appended (live clients get the same entry over the chat socket)
 */
@inject()
export default class MessagesController {
  constructor(
    protected rooms: RoomService,
    protected messages: MessageService
  ) {}

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

import { inject } from '@adonisjs/core'
import RoomService from '#services/room_service'
import { ChatPublisher } from '#chat/src/chat_publisher'
import { postMessageValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Posting to a room without JavaScript
 */
@inject()
export default class MessagesController {
  constructor(
    protected rooms: RoomService,
    protected chat: ChatPublisher
  ) {}

  /**
   * Stores the message through the chat's store and bus, so live clients
   * see it like any other, then shows the room again
   */
  async store({ params, request, response, auth }: HttpContext) {
    const { text, client_id: clientId } = await request.validateUsing(postMessageValidator)
    const room = await this.rooms.findOrFail(Number(params.id))
    const user = auth.getUserOrFail()
    await this.chat.post({
      room: room.id,
      user: { id: user.id, username: user.username },
      clientId: clientId ?? null,
      text,
    })
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }
}

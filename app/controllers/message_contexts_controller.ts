import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import MessageHistoryService from '#services/chat/message_history_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * One message among its neighbours, where search results link to
 */
@inject()
export default class MessageContextsController {
  constructor(
    protected rooms: RoomService,
    protected history: MessageHistoryService
  ) {}

  /**
   * The message `seq` of room `id` with the messages around it, highlighted;
   * 404 for a room the user may not see or a seq that is not a message
   */
  async show({ params, view, auth }: HttpContext) {
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const context = await this.history.around(room.id, params.seq)
    return view.render('pages/messages/context', { room, ...context })
  }
}

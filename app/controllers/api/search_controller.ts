import { inject } from '@adonisjs/core'
import MessageSearchService from '#services/search/message_search_service'
import RoomService from '#services/rooms/room_service'
import MessageSearchTransformer from '#transformers/message_search_transformer'
import { searchMessagesValidator } from '#validators/message_search'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Message search as JSON for API clients
 */
@inject()
export default class SearchController {
  constructor(
    protected messages: MessageSearchService,
    protected rooms: RoomService
  ) {}

  /**
   * A page of the messages matching `q` in the rooms the token's user may
   * see, or in one of them (`room`; 404 when they may not see it)
   */
  async index({ request, auth, serializePage }: HttpContext) {
    const user = auth.getUserOrFail()
    const payload = await request.validateUsing(searchMessagesValidator)
    if (payload.room) {
      await this.rooms.findVisibleOrFail(payload.room, user)
    }
    const { hits, ...meta } = await this.messages.search(user.id, payload)
    return serializePage(MessageSearchTransformer.paginate(hits, meta))
  }
}

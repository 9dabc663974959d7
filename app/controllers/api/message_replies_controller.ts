import { inject } from '@adonisjs/core'
import RoomService from '#services/rooms/room_service'
import MessageThreadService from '#services/chat/message_thread_service'
import LogEntryTransformer from '#transformers/log_entry_transformer'
import { repliesPageValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A message's thread as JSON (post a reply with `reply_to` on the messages route)
 */
@inject()
export default class MessageRepliesController {
  constructor(
    protected rooms: RoomService,
    protected threads: MessageThreadService
  ) {}

  /**
   * `{ root, data: [replies, oldest first], meta: { hasMore, nextBefore } }`
   */
  async index({ params, request, auth, serialize }: HttpContext) {
    const cursor = await request.validateUsing(repliesPageValidator)
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const page = await this.threads.page(room, Number(params.seq), cursor)
    const root = await serialize(LogEntryTransformer.transform(page.root))
    const { data } = await serialize(LogEntryTransformer.transform(page.messages))
    return {
      root: root.data,
      data,
      meta: { hasMore: page.hasMore, nextBefore: page.hasMore ? page.messages[0].seq : null },
    }
  }
}

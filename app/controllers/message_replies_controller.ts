import { inject } from '@adonisjs/core'
import { DateTime } from 'luxon'
import RoomService from '#services/rooms/room_service'
import MessageThreadService from '#services/chat/message_thread_service'
import { repliesPageValidator } from '#validators/message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A message's thread as a page: the root, its replies and a reply form
 * (what the "Reply" menu item and the "N replies" link open without JavaScript)
 */
@inject()
export default class MessageRepliesController {
  constructor(
    protected rooms: RoomService,
    protected threads: MessageThreadService
  ) {}

  /**
   * The thread of message `seq`; 404 for a room the user may not see or a
   * seq that is not a message
   */
  async index({ params, request, view, auth }: HttpContext) {
    const cursor = await request.validateUsing(repliesPageValidator)
    const room = await this.rooms.findVisibleOrFail(params.id, auth.getUserOrFail())
    const page = await this.threads.page(room, Number(params.seq), cursor)
    return view.render('pages/threads/show', {
      room,
      ...page,
      dateTime: (date: Date) => DateTime.fromJSDate(date),
    })
  }
}

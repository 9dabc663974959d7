import { inject } from '@adonisjs/core'
import DirectMessageService, { directTitle } from '#services/people/direct_message_service'
import ReadMarkerService from '#services/rooms/read_marker_service'
import { openDirectMessageFormValidator } from '#validators/direct_message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Direct conversations for browsers: the list with the form that starts one
 * (the sidebar's "+"), and opening one (also the profile card's "Message")
 */
@inject()
export default class DirectMessagesController {
  constructor(
    protected direct: DirectMessageService,
    protected markers: ReadMarkerService
  ) {}

  /**
   * My direct conversations (the other people, unread counts) and the form
   * to start one
   */
  async index({ view, auth }: HttpContext) {
    const user = auth.getUserOrFail()
    const conversations = await this.direct.listFor(user)
    const unread = await this.markers.unreadCounts(
      user.id,
      conversations.map((room) => room.id)
    )
    return view.render('pages/direct/index', {
      conversations: conversations.map((room) => ({
        room,
        title: directTitle(room.members, user.id),
        others: room.members.filter((person) => person.id !== user.id),
        unread: unread.find((count) => count.room === room.id)?.unread ?? 0,
      })),
    })
  }

  /**
   * Opens the conversation with the people named (the same one every time
   * for the same people) and goes to it
   */
  async store({ request, response, auth }: HttpContext) {
    const { usernames } = await request.validateUsing(openDirectMessageFormValidator)
    const { room } = await this.direct.open(auth.getUserOrFail(), usernames)
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }
}

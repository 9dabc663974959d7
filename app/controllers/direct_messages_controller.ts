import { inject } from '@adonisjs/core'
import DirectMessageService from '#services/people/direct_message_service'
import DirectContactsService from '#services/people/direct_contacts_service'
import { openDirectMessageFormValidator } from '#validators/direct_message'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Direct conversations for browsers: the list with the form that starts one,
 * the "new direct message" page (the sidebar's "+"), and opening one (also
 * the profile card's "Message")
 */
@inject()
export default class DirectMessagesController {
  constructor(
    protected direct: DirectMessageService,
    protected contacts: DirectContactsService
  ) {}

  /**
   * My direct conversations (the other people, unread counts) and the form
   * to start one
   */
  async index({ view, auth }: HttpContext) {
    const conversations = await this.direct.summariesFor(auth.getUserOrFail())
    return view.render('pages/direct/index', { conversations })
  }

  /**
   * The "new direct message" page: tick people from my rooms and/or type
   * usernames
   */
  async create({ view, auth }: HttpContext) {
    const people = await this.contacts.of(auth.getUserOrFail())
    return view.render('pages/direct/new', { people })
  }

  /**
   * Opens the conversation with the people picked or named (the same one
   * every time for the same people) and goes to it
   */
  async store({ request, response, auth }: HttpContext) {
    const { people, usernames } = await request.validateUsing(openDirectMessageFormValidator)
    const { room } = await this.direct.open(auth.getUserOrFail(), [
      ...(people ?? []),
      ...(usernames ?? []),
    ])
    return response.redirect().toRoute('rooms.show', { id: room.id })
  }
}

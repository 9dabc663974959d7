import { inject } from '@adonisjs/core'
import ChatTicketService from '#services/chat/chat_ticket_service'
import { sessionCredential, tokenCredential } from '#services/chat/chat_credentials'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Chat tickets: a fresh single-use ticket, bound to the sign-in it was asked
 * with, and the WebSocket URL, as JSON; never cached
 */
@inject()
export default class ChatTicketsController {
  constructor(protected tickets: ChatTicketService) {}

  /**
   * For the signed-in browser: bound to this session
   */
  async show({ auth, request, response, session }: HttpContext) {
    const ticket = this.tickets.issue(
      auth.getUserOrFail(),
      sessionCredential(session.sessionId),
      this.#origin(request)
    )
    response.header('Cache-Control', 'no-store')
    return response.ok(ticket)
  }

  /**
   * For an API client: bound to its token (201)
   */
  async store({ auth, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const ticket = this.tickets.issue(
      user,
      tokenCredential(user.currentAccessToken),
      this.#origin(request)
    )
    response.header('Cache-Control', 'no-store')
    return response.created(ticket)
  }

  #origin(request: HttpContext['request']) {
    return { secure: request.secure(), host: request.host() }
  }
}

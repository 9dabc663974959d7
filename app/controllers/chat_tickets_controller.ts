import { inject } from '@adonisjs/core'
import ChatTicketService from '#services/chat/chat_ticket_service'
import { sessionCredential } from '#services/chat/chat_credentials'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Chat tickets for the signed-in browser
 */
@inject()
export default class ChatTicketsController {
  constructor(protected tickets: ChatTicketService) {}

  /**
   * A fresh ticket (bound to this session) and the WebSocket URL, as JSON;
   * never cached
   */
  async show({ auth, request, response, session }: HttpContext) {
    const credential = sessionCredential(session.sessionId)
    const ticket = this.tickets.issue(auth.getUserOrFail(), credential, {
      secure: request.secure(),
      host: request.host(),
    })
    response.header('Cache-Control', 'no-store')
    return ticket
  }
}

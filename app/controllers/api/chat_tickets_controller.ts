import { inject } from '@adonisjs/core'
import ChatTicketService from '#services/chat/chat_ticket_service'
import { tokenCredential } from '#services/chat/chat_credentials'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Chat tickets for API clients
 */
@inject()
export default class ChatTicketsController {
  constructor(protected tickets: ChatTicketService) {}

  /**
   * A fresh ticket (bound to this token) and the WebSocket URL for the
   * token's user
   */
  async store({ auth, request, response }: HttpContext) {
    const user = auth.use('api').getUserOrFail()
    const credential = tokenCredential(user.currentAccessToken)
    const ticket = this.tickets.issue(user, credential, {
      secure: request.secure(),
      host: request.host(),
    })
    response.header('Cache-Control', 'no-store')
    return response.created(ticket)
  }
}

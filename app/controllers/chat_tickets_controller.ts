import { inject } from '@adonisjs/core'
import ChatTicketService from '#services/chat/chat_ticket_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Chat tickets (a short-lived ticket and the WebSocket URL), never cached
 */
@inject()
export default class ChatTicketsController {
  constructor(protected tickets: ChatTicketService) {}

  /**
   * A fresh ticket for the signed-in browser
   */
  async show(ctx: HttpContext) {
    return ctx.response.ok(this.#issue(ctx))
  }

  /**
   * A fresh ticket for an API client (201)
   */
  async store(ctx: HttpContext) {
    return ctx.response.created(this.#issue(ctx))
  }

  #issue({ auth, request, response }: HttpContext) {
    response.header('Cache-Control', 'no-store')
    return this.tickets.issue(auth.getUserOrFail(), {
      secure: request.secure(),
      host: request.host(),
    })
  }
}

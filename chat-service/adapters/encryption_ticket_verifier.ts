import type { Encryption } from '@adonisjs/core/encryption'
import type { ChatUser, TicketVerifier } from '#chat/src/ticket_verifier'

/**
 * Purpose every chat ticket is bound to; a value encrypted for anything
 * else (a cookie, a session) never passes as a ticket
 */
export const CHAT_TICKET_PURPOSE = 'chat-ticket'

/**
 * Seconds a freshly minted ticket stays valid
 */
export const CHAT_TICKET_TTL_SECONDS = 60

/**
 * Checks tickets the web app minted with
 * `encryption.encrypt(user, { purpose: CHAT_TICKET_PURPOSE, expiresIn })`
 */
export class EncryptionTicketVerifier implements TicketVerifier {
  constructor(private readonly encryption: Pick<Encryption, 'decrypt'>) {}

  async verify(ticket: string): Promise<ChatUser | null> {
    const payload = this.encryption.decrypt<Partial<ChatUser>>(ticket, CHAT_TICKET_PURPOSE)
    if (!payload || typeof payload.id !== 'number' || typeof payload.username !== 'string') {
      return null
    }
    return { id: payload.id, username: payload.username }
  }
}

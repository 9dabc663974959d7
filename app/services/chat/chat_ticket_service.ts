import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import type User from '#models/user'
import type chatConfig from '#config/chat'
import { CHAT_TICKET_PURPOSE, CHAT_TICKET_TTL_SECONDS, type ChatTicketPayload } from '#chat/index'

/**
 * What a client needs to open a chat socket: `url?ticket=<ticket>`
 */
type ChatTicket = { ticket: string; url: string; expiresIn: number }

/**
 * Mints the short-lived, single-use tickets chat sockets authenticate with
 */
export default class ChatTicketService {
  /**
   * A single-use ticket for `user`, bound to the sign-in `credential` (see
   * chat_credentials.ts), and the WebSocket URL to present it at. In-process,
   * the URL is this server's own host (as the client reached it) + the chat
   * path; in external mode it is CHAT_PUBLIC_URL.
   */
  issue(
    user: User,
    credential: string,
    origin: { secure: boolean; host: string | null }
  ): ChatTicket {
    const payload: ChatTicketPayload = {
      id: user.id,
      username: user.username,
      ...(user.displayName ? { displayName: user.displayName } : {}),
      ...(user.avatarKey ? { avatarKey: user.avatarKey } : {}),
      nonce: randomUUID(),
      credential,
    }
    const ticket = encryption.encrypt(payload, {
      purpose: CHAT_TICKET_PURPOSE,
      expiresIn: `${CHAT_TICKET_TTL_SECONDS}s`,
    })
    return { ticket, url: this.#socketUrl(origin), expiresIn: CHAT_TICKET_TTL_SECONDS }
  }

  #socketUrl(origin: { secure: boolean; host: string | null }) {
    const config = app.config.get<typeof chatConfig>('chat')
    if (config.mode === 'external' && config.publicUrl) {
      return config.publicUrl
    }
    const host = origin.host ?? new URL(app.config.get<string>('app.appUrl')).host
    return `${origin.secure ? 'wss' : 'ws'}://${host}${config.path}`
  }
}

import type { Encryption } from '@adonisjs/core/encryption'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { TicketHolder, TicketVerifier } from '#chat/src/ticket_verifier'

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
 * What the web app encrypts into a ticket: the user, a nonce that makes it
 * single-use, and the sign-in (session or token) it was minted for
 */
export type ChatTicketPayload = {
  id: number
  username: string
  /** Absent when the user has not chosen one */
  displayName?: string
  /** Absent when the user has no picture */
  avatarKey?: string
  nonce: string
  credential: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Credentials looked up per query when re-checking open sockets */
const LOOKUP_CHUNK = 1000

/**
 * Checks tickets the web app minted with
 * `encryption.encrypt(payload, { purpose: CHAT_TICKET_PURPOSE, expiresIn })`
 * and redeems each once in PostgreSQL, so a ticket opens one socket across
 * every chat process and none once its sign-in ended
 */
export class EncryptionTicketVerifier implements TicketVerifier {
  constructor(
    private readonly encryption: Pick<Encryption, 'decrypt'>,
    private readonly db: Pick<QueryClientContract, 'rawQuery' | 'from'>
  ) {}

  async redeem(ticket: string): Promise<TicketHolder | null> {
    const payload = this.encryption.decrypt<Partial<ChatTicketPayload>>(ticket, CHAT_TICKET_PURPOSE)
    if (
      !payload ||
      typeof payload.id !== 'number' ||
      typeof payload.username !== 'string' ||
      (payload.displayName !== undefined && typeof payload.displayName !== 'string') ||
      (payload.avatarKey !== undefined && typeof payload.avatarKey !== 'string') ||
      typeof payload.nonce !== 'string' ||
      !UUID.test(payload.nonce) ||
      typeof payload.credential !== 'string'
    ) {
      return null
    }
    const redeemed = await this.db.rawQuery<{ rows: unknown[] }>(
      `INSERT INTO chat_ticket_redemptions (nonce, expires_at)
       SELECT ?::uuid, now() + make_interval(secs => ?)
       WHERE NOT EXISTS (SELECT 1 FROM chat_sign_outs WHERE credential = ?)
       ON CONFLICT (nonce) DO NOTHING
       RETURNING nonce`,
      [payload.nonce, CHAT_TICKET_TTL_SECONDS, payload.credential]
    )
    if (redeemed.rows.length !== 1) {
      return null
    }
    return {
      user: {
        id: payload.id,
        username: payload.username,
        displayName: payload.displayName ?? null,
        avatarKey: payload.avatarKey ?? null,
      },
      credential: payload.credential,
    }
  }

  async signedOut(credentials: string[]) {
    const found: string[] = []
    for (let start = 0; start < credentials.length; start += LOOKUP_CHUNK) {
      const rows: Array<{ credential: string }> = await this.db
        .from('chat_sign_outs')
        .whereIn('credential', credentials.slice(start, start + LOOKUP_CHUNK))
        .select('credential')
      found.push(...rows.map((row) => row.credential))
    }
    return found
  }

  async prune() {
    await this.db.rawQuery('DELETE FROM chat_ticket_redemptions WHERE expires_at < now()')
    await this.db.rawQuery('DELETE FROM chat_sign_outs WHERE expires_at < now()')
  }
}

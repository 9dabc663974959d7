import { createHash, randomBytes } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import MailLinkUnusableException from '#exceptions/mail_link_unusable_exception'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type User from '#models/user'

/**
 * What a mailed link is for
 */
export type MailLinkPurpose = 'password_reset' | 'email_verification'

/**
 * How long a mailed link works, in hours
 */
export const MAIL_LINK_HOURS: Record<MailLinkPurpose, number> = {
  password_reset: 1,
  email_verification: 24,
}

/**
 * A token as mailed: 32 random bytes, base64url
 */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

/**
 * The stored form of a token
 */
function hashOf(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * The account and address a valid link was issued for
 */
export type MailLinkOwner = { userId: number; email: string }

/**
 * Single-use, expiring tokens of mailed links. Only a SHA-256 hash is
 * stored, with the address it was mailed to; a new link of one purpose
 * replaces the user's older one; using a link deletes it.
 */
export default class MailLinkTokens {
  /**
   * A new token for `user` at `email` (the older one of this purpose stops working)
   */
  async issue(user: User, purpose: MailLinkPurpose, email: string) {
    const token = randomBytes(32).toString('base64url')
    await db.transaction(async (trx) => {
      await this.revoke(user.id, [purpose], trx)
      await trx
        .insertQuery()
        .table('user_tokens')
        .insert({
          user_id: user.id,
          purpose,
          token_hash: hashOf(token),
          email,
          expires_at: DateTime.now().plus({ hours: MAIL_LINK_HOURS[purpose] }).toJSDate(),
          created_at: new Date(),
        })
    })
    return token
  }

  /**
   * Whom a link is for, without using it; MailLinkUnusableException when
   * it is unknown (or used) or expired
   */
  async inspect(token: string, purpose: MailLinkPurpose): Promise<MailLinkOwner> {
    if (!TOKEN_SHAPE.test(token)) throw new MailLinkUnusableException('invalid', purpose)
    const row = await db
      .from('user_tokens')
      .where({ token_hash: hashOf(token), purpose })
      .select('user_id', 'email', 'expires_at')
      .first()
    return this.#owner(purpose, row)
  }

  /**
   * Uses a link once, within `trx`: deleted whatever the outcome, so a
   * second use (or a racing one) finds nothing
   */
  async consume(
    token: string,
    purpose: MailLinkPurpose,
    trx: QueryClientContract
  ): Promise<MailLinkOwner> {
    if (!TOKEN_SHAPE.test(token)) throw new MailLinkUnusableException('invalid', purpose)
    const [row] = await trx
      .from('user_tokens')
      .where({ token_hash: hashOf(token), purpose })
      .delete(['user_id', 'email', 'expires_at'])
    return this.#owner(purpose, row)
  }

  /**
   * Deletes the user's links of these purposes
   */
  async revoke(userId: number, purposes: MailLinkPurpose[], client: QueryClientContract) {
    await client.from('user_tokens').where('user_id', userId).whereIn('purpose', purposes).delete()
  }

  #owner(
    purpose: MailLinkPurpose,
    row?: { user_id: number; email: string; expires_at: Date }
  ): MailLinkOwner {
    if (!row) throw new MailLinkUnusableException('invalid', purpose)
    if (row.expires_at.getTime() <= Date.now()) {
      throw new MailLinkUnusableException('expired', purpose)
    }
    return { userId: row.user_id, email: row.email }
  }
}

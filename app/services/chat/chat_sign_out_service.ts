import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import { ChatNode } from '#chat/index'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * How long an ended sign-in is remembered: as long as the longest one lasts
 * (API tokens, 30 days), so a socket that missed the bus event is still
 * closed by the chat's periodic re-check
 */
const SIGN_OUT_RETENTION_DAYS = 30

/**
 * Ends a sign-in for the chat: its unused tickets stop working and its open
 * sockets close with 1008, on every chat process; the browser it was made in
 * gets no more pushes (its push subscriptions are deleted)
 */
@inject()
export default class ChatSignOutService {
  constructor(protected chat: ChatNode) {}

  /**
   * Records that `user` ended the sign-in `credential` (see
   * chat_credentials.ts), then tells every chat node. The record alone
   * already refuses the sign-in's tickets; a lost bus event delays closing
   * its sockets until the chat's next re-check.
   */
  async signOut(userId: number, credential: string) {
    await this.#record(db.connection(), [credential])
    await this.#announce(userId, [credential])
  }

  /**
   * Records the ended sign-ins within `trx` (they count once it commits)
   * and tells every chat node after the commit
   */
  async signOutWithin(trx: TransactionClientContract, userId: number, credentials: string[]) {
    await this.#record(trx, credentials)
    trx.after('commit', () => this.#announce(userId, credentials))
  }

  async #record(client: QueryClientContract, credentials: string[]) {
    if (credentials.length === 0) return
    await client.from('push_subscriptions').whereIn('credential', credentials).delete()
    const expiresAt = DateTime.now().plus({ days: SIGN_OUT_RETENTION_DAYS }).toJSDate()
    await client
      .insertQuery()
      .table('chat_sign_outs')
      .insert(credentials.map((credential) => ({ credential, expires_at: expiresAt })))
      .knexQuery.onConflict('credential')
      .merge()
  }

  async #announce(userId: number, credentials: string[]) {
    for (const credential of credentials) {
      try {
        await this.chat.signedOut(userId, credential)
      } catch (error) {
        logger.warn({ err: error, user: userId }, 'chat sign-out publish failed')
      }
    }
  }
}

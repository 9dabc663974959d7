import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { DateTime } from 'luxon'
import { ChatNode } from '#chat/index'

/**
 * How long an ended sign-in is remembered: as long as the longest one lasts
 * (API tokens, 30 days), so a socket that missed the bus event is still
 * closed by the chat's periodic re-check
 */
const SIGN_OUT_RETENTION_DAYS = 30

/**
 * Ends a sign-in for the chat: its unused tickets stop working and its open
 * sockets close with 1008, on every chat process
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
    await db
      .table('chat_sign_outs')
      .insert({
        credential,
        expires_at: DateTime.now().plus({ days: SIGN_OUT_RETENTION_DAYS }).toJSDate(),
      })
      .onConflict('credential')
      .merge()
    try {
      await this.chat.signedOut(userId, credential)
    } catch (error) {
      logger.warn({ err: error, user: userId }, 'chat sign-out publish failed')
    }
  }
}

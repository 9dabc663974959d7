import { createHash, randomBytes } from 'node:crypto'
import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import encryption from '@adonisjs/core/services/encryption'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import type Room from '#models/room'
import WebhookRefusedException from '#exceptions/webhook_refused_exception'
import {
  WebhookTargetError,
  assertPublicTarget,
  parseWebhookUrl,
} from '#services/webhooks/webhook_target_guard'
import type webhooksConfig from '#config/webhooks'

/**
 * A webhook as its room's page and API list it (never its token or secret)
 */
export type WebhookSummary = {
  id: number
  direction: 'incoming' | 'outgoing'
  name: string
  url: string | null
  failures: number
  lastError: string | null
  lastDeliveredAt: Date | null
  createdAt: Date
}

/**
 * The SHA-256 of an incoming webhook's token, as stored
 */
export function hashWebhookToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * The webhooks settings, read on each use (tests change them)
 */
export function webhookSettings() {
  return app.config.get<typeof webhooksConfig>('webhooks')
}

/**
 * A room's webhooks: creating incoming ones (a secret URL that posts as a
 * bot named after the webhook) and outgoing ones (a URL the room's new
 * messages are POSTed to, signed with a secret), listing and deleting them.
 * Callers check who may (RoomPolicy.moderate).
 */
@inject()
export default class RoomWebhooksService {
  /**
   * The webhooks of `room`, oldest first
   */
  async list(room: Room): Promise<WebhookSummary[]> {
    const rows = await db
      .from('room_webhooks')
      .where('room_id', room.id)
      .orderBy('id')
      .select(
        'id',
        'direction',
        'name',
        'url',
        'failures',
        'last_error',
        'last_delivered_at',
        'created_at'
      )
    return rows.map((row) => ({
      id: row.id,
      direction: row.direction,
      name: row.name,
      url: row.url,
      failures: row.failures,
      lastError: row.last_error,
      lastDeliveredAt: row.last_delivered_at,
      createdAt: row.created_at,
    }))
  }

  /**
   * Creates an incoming webhook named `name` and its bot; the token (in the
   * returned URL path) is shown once and only its hash is kept
   */
  async createIncoming(room: Room, name: string, by: User) {
    await this.#assertRoomForMore(room)
    const token = randomBytes(24).toString('base64url')
    const id = await db.transaction(async (trx) => {
      const bot = await User.create(
        {
          username: `hook-${randomBytes(6).toString('hex')}`,
          displayName: name,
          password: randomBytes(32).toString('base64url'),
          isBot: true,
        },
        { client: trx }
      )
      const [row] = await trx
        .insertQuery()
        .table('room_webhooks')
        .insert({
          room_id: room.id,
          direction: 'incoming',
          name,
          token_hash: hashWebhookToken(token),
          bot_user_id: bot.id,
          created_by: by.id,
        })
        .returning('id')
      return row.id as number
    })
    return { id, path: `/api/v1/hooks/${token}` }
  }

  /**
   * Creates an outgoing webhook to `url` (http or https, a public address
   * unless the operator allows private ones); the HMAC secret is shown once
   */
  async createOutgoing(room: Room, name: string, url: string, by: User) {
    await this.#assertRoomForMore(room)
    try {
      await assertPublicTarget(parseWebhookUrl(url), webhookSettings().allowPrivateTargets)
    } catch (error) {
      if (error instanceof WebhookTargetError) throw new WebhookRefusedException(error.code)
      throw error
    }
    const secret = randomBytes(32).toString('base64url')
    const [row] = await db
      .insertQuery()
      .table('room_webhooks')
      .insert({
        room_id: room.id,
        direction: 'outgoing',
        name,
        url,
        secret: encryption.encrypt(secret),
        created_by: by.id,
      })
      .returning('id')
    return { id: row.id as number, secret }
  }

  /**
   * Deletes webhook `id` of `room` (an incoming one's bot stays, as the
   * author of what it posted); false when there is none
   */
  async remove(room: Room, id: number) {
    const removed = await db.from('room_webhooks').where({ room_id: room.id, id }).delete()
    return Number(removed) > 0
  }

  async #assertRoomForMore(room: Room) {
    const [{ count }] = await db.from('room_webhooks').where('room_id', room.id).count('* as count')
    if (Number(count) >= webhookSettings().maxPerRoom) {
      throw new WebhookRefusedException('E_TOO_MANY_WEBHOOKS')
    }
  }
}

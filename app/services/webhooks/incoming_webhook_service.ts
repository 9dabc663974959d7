import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import User from '#models/user'
import Room from '#models/room'
import MessageService from '#services/chat/message_service'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { hashWebhookToken, webhookSettings } from '#services/webhooks/room_webhooks_service'

/**
 * What an incoming webhook's secret URL unlocks: its room and its bot
 */
export type IncomingWebhook = { id: number; room: Room; bot: User }

/**
 * Posts through an incoming webhook: its secret token names a room and a
 * bot, and the message takes the same path as any other (store, sockets,
 * bus, notifications, outgoing webhooks)
 */
@inject()
export default class IncomingWebhookService {
  constructor(protected messages: MessageService) {}

  /**
   * The webhook of `token`; a 404 for an unknown or deleted one
   */
  async findOrFail(token: string): Promise<IncomingWebhook> {
    const row = await db
      .from('room_webhooks')
      .where({ token_hash: hashWebhookToken(token), direction: 'incoming' })
      .select('id', 'room_id', 'bot_user_id')
      .first()
    const room = row ? await Room.find(row.room_id) : null
    const bot = row ? await User.find(row.bot_user_id) : null
    if (!row || !room || !bot) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Room)
    }
    return { id: row.id, room, bot }
  }

  /**
   * Counts one post against the webhook's limit (config incomingPerMinute);
   * past it, E_TOO_MANY_REQUESTS (429 with Retry-After)
   */
  async throttle(webhook: IncomingWebhook) {
    const limit = limiter.use({ requests: webhookSettings().incomingPerMinute, duration: '1 min' })
    try {
      await limit.consume(`incoming_webhook_${webhook.id}`)
    } catch (error) {
      if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
        throw error.setMessage('This webhook is posting too fast. Wait a moment.')
      }
      throw error
    }
  }

  /**
   * Posts `text` to the webhook's room as its bot, once per client id
   */
  post(webhook: IncomingWebhook, text: string, clientId: string | null) {
    return this.messages.post(webhook.room, webhook.bot, { text, clientId })
  }
}

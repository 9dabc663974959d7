import { createHmac } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import encryption from '@adonisjs/core/services/encryption'
import db from '@adonisjs/lucid/services/db'
import type { Logger } from '@adonisjs/core/logger'
import { runPrepared, type StoredMessage } from '#chat/index'
import { webhookSettings } from '#services/webhooks/room_webhooks_service'
import { guardedLookup, literalAddressRefusal } from '#services/webhooks/webhook_target_guard'

/**
 * Due deliveries one round sends at most
 */
const BATCH = 20

/**
 * How long a claimed delivery stays another dispatcher's (ms): longer than
 * a request may take
 */
const LEASE_MS = 60_000

/**
 * The JSON an outgoing webhook receives for a new message
 */
export type WebhookPayload = {
  event: 'message'
  room: { id: number; name: string }
  message: {
    seq: number
    id: number
    user: { id: number; username: string; display_name: string | null }
    text: string
    html: string
    created_at: string
  }
}

/**
 * Queues a delivery per outgoing webhook of each message's room (bots'
 * messages excepted). Named, so each connection plans its four-way join
 * once (~0.5 ms of PostgreSQL a time, ten times its run on a tick's rows)
 */
const QUEUE_DELIVERIES = {
  name: 'roomchat_queue_webhook_deliveries',
  text: `INSERT INTO webhook_deliveries (webhook_id, payload)
    SELECT w.id, json_build_object(
      'event', 'message',
      'room', json_build_object('id', r.id, 'name', r.name),
      'message', json_build_object('seq', m.seq, 'id', m.id,
        'user', json_build_object('id', u.id, 'username', u.username, 'display_name', u.display_name),
        'text', m.body, 'html', m.body_html,
        'created_at', to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
    FROM messages m
    JOIN room_webhooks w ON w.room_id = m.room_id
    JOIN rooms r ON r.id = m.room_id
    JOIN users u ON u.id = m.user_id
    WHERE m.id = ANY($1::bigint[]) AND w.direction = 'outgoing' AND NOT u.is_bot
    ORDER BY m.id, w.id`,
}

type DueDelivery = {
  id: number
  webhook_id: number
  payload: WebhookPayload
  attempts: number
  url: string
  secret: string
}

/**
 * The signature header of a delivery: HMAC-SHA256 of `<timestamp>.<body>`
 * with the webhook's secret, as Stripe and Slack sign theirs
 */
export function webhookSignature(secret: string, timestamp: number, body: string) {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * Outgoing webhooks: each new message of a room (not a bot's, so a bot
 * answering through an incoming webhook never loops) becomes a delivery
 * per webhook in a queue table; a loop in the web process sends the due
 * ones, signed, and retries failures with growing waits (config
 * retryDelaysMs) before giving up. Chat never waits for any of it.
 */
export default class WebhookDispatcher {
  #timer: NodeJS.Timeout | null = null
  #running: Promise<unknown> | null = null
  /** Messages waiting for this tick's statement, and that statement */
  #pending: number[] = []
  #flushing: Promise<void> | null = null

  constructor(private readonly logger: Logger) {}

  /**
   * Queues `entry` (a message just stored) for the room's outgoing webhooks.
   * The messages stored in one tick (a group commit acks a batch at once)
   * are queued by one statement, so the hook costs no query per message.
   */
  enqueue(entry: StoredMessage) {
    if (entry.kind !== 'message') return Promise.resolve()
    this.#pending.push(entry.id)
    this.#flushing ??= new Promise((resolve) => setImmediate(resolve)).then(() => {
      const ids = this.#pending.splice(0)
      this.#flushing = null
      return this.#queue(ids)
    })
    return this.#flushing
  }

  async #queue(messageIds: number[]) {
    await runPrepared(db, { ...QUEUE_DELIVERIES, values: [messageIds] })
  }

  /**
   * Sends every due delivery once (claimed, so several processes share the
   * queue); returns how many were attempted
   */
  async deliverDue() {
    const claimed = await db.rawQuery<{ rows: DueDelivery[] }>(
      `UPDATE webhook_deliveries d
       SET next_attempt_at = now() + (? * interval '1 millisecond')
       FROM room_webhooks w
       WHERE d.webhook_id = w.id AND d.id IN (
         SELECT id FROM webhook_deliveries WHERE next_attempt_at <= now()
         ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.webhook_id, d.payload, d.attempts, w.url, w.secret`,
      [LEASE_MS, BATCH]
    )
    await Promise.all(claimed.rows.map((delivery) => this.#attempt(delivery)))
    return claimed.rows.length
  }

  /**
   * Polls for due deliveries until `stop`
   */
  start() {
    if (this.#timer) return
    this.#timer = setInterval(() => {
      if (this.#running) return
      this.#running = this.deliverDue()
        .catch((error) => this.logger.warn({ err: error }, 'webhook deliveries failed'))
        .finally(() => (this.#running = null))
    }, webhookSettings().pollMs)
    this.#timer.unref()
  }

  /**
   * Stops polling and waits for the round in flight
   */
  async stop() {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    await this.#running
  }

  async #attempt(delivery: DueDelivery) {
    const secret = encryption.decrypt<string>(delivery.secret)
    const failure = secret
      ? await post(delivery.url, delivery.payload, secret, delivery.id)
      : 'The webhook secret cannot be read (was APP_KEY changed?)'
    if (failure === null) {
      await db.from('webhook_deliveries').where('id', delivery.id).delete()
      await db
        .from('room_webhooks')
        .where('id', delivery.webhook_id)
        .update({ last_delivered_at: db.raw('now()'), last_error: null })
      return
    }
    const delays = webhookSettings().retryDelaysMs
    const attempts = delivery.attempts + 1
    this.logger.info(
      { webhook: delivery.webhook_id, delivery: delivery.id, attempts, reason: failure },
      'webhook delivery failed'
    )
    if (attempts > delays.length) {
      await db.from('webhook_deliveries').where('id', delivery.id).delete()
      await db
        .from('room_webhooks')
        .where('id', delivery.webhook_id)
        .update({ failures: db.raw('failures + 1'), last_error: failure })
      return
    }
    await db
      .from('webhook_deliveries')
      .where('id', delivery.id)
      .update({
        attempts,
        last_error: failure,
        next_attempt_at: db.raw(`now() + (? * interval '1 millisecond')`, [delays[attempts - 1]]),
      })
  }
}

/**
 * POSTs the signed payload; null on a 2xx answer, else why it failed.
 * Redirects are not followed; the address is checked when connecting.
 */
function post(url: string, payload: WebhookPayload, secret: string, deliveryId: number) {
  const body = JSON.stringify(payload)
  const timestamp = Math.floor(Date.now() / 1000)
  const { timeoutMs, allowPrivateTargets } = webhookSettings()
  const target = new URL(url)
  const refusal = literalAddressRefusal(target, allowPrivateTargets)
  if (refusal) return Promise.resolve(refusal)
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest
  return new Promise<string | null>((resolve) => {
    const outgoing = send(
      target,
      {
        method: 'POST',
        lookup: guardedLookup(allowPrivateTargets),
        timeout: timeoutMs,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Roomchat-Webhook',
          'x-roomchat-event': 'message',
          'x-roomchat-delivery': String(deliveryId),
          'x-roomchat-timestamp': String(timestamp),
          'x-roomchat-signature': webhookSignature(secret, timestamp, body),
        },
      },
      (response) => {
        response.resume()
        const status = response.statusCode ?? 0
        resolve(status >= 200 && status < 300 ? null : `HTTP ${status}`)
      }
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    outgoing.on('error', (error) => resolve(error.message))
    outgoing.end(body)
  })
}

import pg from 'pg'
import type { Database } from '@adonisjs/lucid/database'
import type { Logger } from '@adonisjs/core/logger'
import type { Serializable, SubscribeHandler, Transport } from '@boringnode/bus/types/main'
import { pgConnectionOf } from '#chat/index'
import {
  fitsOneNotification,
  packNotifications,
  type PublishedMessage,
} from '#services/transmit/notification_packs'

/** Wait before listening again after the listening connection was lost */
const RECONNECT_DELAY_MS = 1000

/**
 * What the transport needs of the app, asked for once it is used (the config that names
 * the transport is read before the database exists)
 */
type Services = () => Promise<{ db: Database; logger: Logger }>

type Outgoing = PublishedMessage & { settle: () => void }

/**
 * A Transmit transport on PostgreSQL LISTEN/NOTIFY, for a deployment of several processes
 * without Redis (the split topology: the standalone chat process stores messages and
 * broadcasts their notifications; the browsers' event streams are on the web app). Like
 * the chat's PostgreSQL bus: one listening connection; messages published in the same tick
 * go out as one statement on the app's pool, packed into as few notifications as NOTIFY's
 * size allows (notification_packs.ts); a lost connection listens again and says so
 * (Transmit's bus then re-syncs). A message too large for NOTIFY reaches this process's
 * subscribers only, with a warning.
 */
export function postgresTransport(services: Services) {
  return () => new PostgresTransport(services)
}

/**
 * The transport postgresTransport() makes
 */
export class PostgresTransport implements Transport {
  #id = ''
  #handlers = new Map<string, SubscribeHandler<any>>()
  #listener: Promise<pg.Client> | null = null
  #reconnectCallbacks: Array<() => void> = []
  #reconnectTimer: NodeJS.Timeout | null = null
  #outbox: Outgoing[] = []
  #disconnected = false
  #services: ReturnType<Services> | null = null

  constructor(private readonly services: Services) {}

  /**
   * The app's database and logger, asked for once
   */
  #app() {
    this.#services ??= this.services()
    return this.#services
  }

  setId(id: string) {
    this.#id = id
    return this
  }

  async publish(channel: string, message: Serializable) {
    const encoded = JSON.stringify(message)
    if (!fitsOneNotification(this.#id, encoded)) {
      const { logger } = await this.#app()
      logger.warn({ channel, bytes: Buffer.byteLength(encoded) }, 'transmit event too large')
      return
    }
    await new Promise<void>((settle) => {
      this.#outbox.push({ channel, encoded, settle })
      if (this.#outbox.length === 1) setImmediate(() => this.#flush())
    })
  }

  /**
   * Listens on `channel`; never rejects (Transmit does not wait for it): when the database
   * cannot be reached, it is said and tried again until it can
   */
  async subscribe<T extends Serializable>(channel: string, handler: SubscribeHandler<T>) {
    this.#handlers.set(channel, handler)
    try {
      const client = await this.#listen()
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`)
    } catch (error) {
      const { logger } = await this.#app()
      logger.warn({ err: error }, 'transmit listener not ready, listening again')
      this.#reconnectLater(null)
    }
  }

  async unsubscribe(channel: string) {
    this.#handlers.delete(channel)
    const client = await this.#listener
    await client?.query(`UNLISTEN ${client.escapeIdentifier(channel)}`)
  }

  onReconnect(callback: () => void) {
    this.#reconnectCallbacks.push(callback)
  }

  async disconnect() {
    this.#disconnected = true
    if (this.#reconnectTimer) clearTimeout(this.#reconnectTimer)
    const listener = this.#listener
    this.#listener = null
    this.#handlers.clear()
    const client = await listener?.catch(() => null)
    await client?.end()
  }

  /**
   * Sends what was published this tick in one statement; a failure is logged (Transmit
   * has delivered to this process's own subscribers already)
   */
  async #flush() {
    const batch = this.#outbox
    this.#outbox = []
    const { db, logger } = await this.#app()
    const notifications = packNotifications(this.#id, batch)
    try {
      await db.rawQuery(
        `SELECT ${notifications.map(() => 'pg_notify(?, ?)').join(', ')}`,
        notifications.flatMap(({ channel, payload }) => [channel, payload])
      )
    } catch (error) {
      logger.warn({ err: error }, 'transmit events not sent to other processes')
    } finally {
      batch.forEach(({ settle }) => settle())
    }
  }

  /**
   * The listening connection, opened on first use
   */
  #listen() {
    if (!this.#listener) {
      this.#listener = this.#connect()
      this.#listener.catch(() => (this.#listener = null))
    }
    return this.#listener
  }

  async #connect() {
    const { db, logger } = await this.#app()
    const client = new pg.Client(pgConnectionOf(db))
    client.on('notification', (notification) => this.#receive(notification))
    client.on('error', (error) => {
      logger.warn({ err: error }, 'transmit listener lost, listening again')
      this.#reconnectLater(client)
    })
    await client.connect()
    return client
  }

  #receive(notification: pg.Notification) {
    const handler = this.#handlers.get(notification.channel)
    if (!handler || !notification.payload) return
    try {
      // `payload` alone: a process of the version before packs, during a rolling update
      const { busId, payloads, payload } = JSON.parse(notification.payload)
      if (busId === this.#id) return
      for (const message of payloads ?? [payload]) void handler(message)
    } catch {
      // Not one of ours: another program notified on the channel
    }
  }

  #reconnectLater(lost: pg.Client | null) {
    if (this.#disconnected || this.#reconnectTimer) return
    this.#listener = null
    void lost?.end().catch(() => {})
    this.#reconnectTimer = setTimeout(async () => {
      this.#reconnectTimer = null
      let client: pg.Client | null = null
      try {
        client = await this.#listen()
        for (const channel of this.#handlers.keys()) {
          await client.query(`LISTEN ${client.escapeIdentifier(channel)}`)
        }
        this.#reconnectCallbacks.forEach((callback) => callback())
      } catch {
        this.#reconnectLater(client)
      }
    }, RECONNECT_DELAY_MS)
  }
}

import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { Bus, BusEnvelope, BusEvent, BusHandler } from './bus.js'
import type { Logger } from './logger.js'

/**
 * Where the bus connects and how it reports trouble
 */
type PostgresBusOptions = { connection: pg.ClientConfig; logger: Logger }

type Outgoing = { channel: string; event: BusEvent; settle?: (error?: unknown) => void }

/** NOTIFY payloads must stay below 8000 bytes */
const MAX_PAYLOAD_BYTES = 7999
const RECONNECT_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000]

/**
 * Bus over PostgreSQL LISTEN/NOTIFY on one dedicated connection, outside any
 * transaction: events published in the same tick go out as one statement,
 * doorbells of a channel collapsed to the highest seq. A lost connection is
 * re-opened, channels are listened to again, unsent doorbells go out (at
 * least once; the collapse keeps them few) and `onReconnect` callbacks run.
 */
export class PostgresBus implements Bus {
  readonly #id = randomUUID()
  #handlers = new Map<string, BusHandler>()
  #reconnectCallbacks: Array<() => void> = []
  #client: pg.Client | null = null
  #connecting: Promise<pg.Client> | null = null
  #outbox: Outgoing[] = []
  #flushScheduled = false
  #reconnectTimer: NodeJS.Timeout | null = null
  #disconnected = false

  constructor(private readonly options: PostgresBusOptions) {}

  publish(channel: string, event: BusEvent) {
    const bytes = Buffer.byteLength(JSON.stringify({ busId: this.#id, payload: event }))
    if (bytes > MAX_PAYLOAD_BYTES) {
      return Promise.reject(new Error(`Bus event of ${bytes} bytes exceeds the NOTIFY limit`))
    }
    return new Promise<void>((resolve, reject) => {
      this.#outbox.push({ channel, event, settle: (error) => (error ? reject(error) : resolve()) })
      this.#scheduleFlush()
    })
  }

  async subscribe(channel: string, handler: BusHandler) {
    this.#handlers.set(channel, handler)
    try {
      const client = await this.#connection()
      await client.query(`LISTEN ${client.escapeIdentifier(channel)}`)
    } catch (error) {
      this.#handlers.delete(channel)
      throw error
    }
  }

  async unsubscribe(channel: string) {
    this.#handlers.delete(channel)
    if (this.#client) {
      await this.#client.query(`UNLISTEN ${this.#client.escapeIdentifier(channel)}`)
    }
  }

  async disconnect() {
    await this.#flush()
    this.#disconnected = true
    if (this.#reconnectTimer) {
      clearTimeout(this.#reconnectTimer)
    }
    const client = this.#client
    this.#client = null
    this.#handlers.clear()
    await client?.end()
  }

  onReconnect(callback: () => void) {
    this.#reconnectCallbacks.push(callback)
  }

  #connection() {
    if (this.#disconnected) {
      return Promise.reject(new Error('The bus is disconnected'))
    }
    if (this.#client) {
      return Promise.resolve(this.#client)
    }
    this.#connecting ??= this.#connect().finally(() => (this.#connecting = null))
    return this.#connecting
  }

  async #connect() {
    const client = new pg.Client({ application_name: 'roomchat-bus', ...this.options.connection })
    client.on('notification', (notification) => this.#receive(notification))
    client.on('error', (error) => this.#lost(client, error))
    client.on('end', () => this.#lost(client))
    try {
      await client.connect()
      for (const channel of this.#handlers.keys()) {
        await client.query(`LISTEN ${client.escapeIdentifier(channel)}`)
      }
    } catch (error) {
      client.removeAllListeners('end')
      client.end().catch(() => {})
      throw error
    }
    this.#client = client
    return client
  }

  #receive(notification: pg.Notification) {
    const handler = this.#handlers.get(notification.channel)
    if (!handler || !notification.payload) {
      return
    }
    let envelope: BusEnvelope
    try {
      envelope = JSON.parse(notification.payload)
    } catch (error) {
      this.options.logger.warn({ err: error, channel: notification.channel }, 'bad bus payload')
      return
    }
    if (envelope.busId !== this.#id) {
      handler(envelope.payload)
    }
  }

  #lost(client: pg.Client, error?: Error) {
    if (this.#client !== client) {
      return
    }
    this.#client = null
    this.options.logger.warn({ err: error }, 'chat bus lost its PostgreSQL connection')
    client.removeAllListeners('end')
    client.end().catch(() => {})
    this.#reconnect(0)
  }

  #reconnect(attempt: number) {
    if (this.#disconnected || this.#reconnectTimer) {
      return
    }
    const delay = RECONNECT_DELAYS_MS[Math.min(attempt, RECONNECT_DELAYS_MS.length - 1)]
    this.#reconnectTimer = setTimeout(async () => {
      this.#reconnectTimer = null
      try {
        await this.#connection()
      } catch {
        return this.#reconnect(attempt + 1)
      }
      this.options.logger.info({}, 'chat bus reconnected to PostgreSQL')
      this.#reconnectCallbacks.forEach((callback) => callback())
      this.#scheduleFlush()
    }, delay)
    this.#reconnectTimer.unref()
  }

  #scheduleFlush() {
    if (this.#flushScheduled) {
      return
    }
    this.#flushScheduled = true
    setImmediate(() => {
      this.#flushScheduled = false
      this.#flush()
    })
  }

  async #flush() {
    const batch = this.#outbox.splice(0)
    if (batch.length === 0) {
      return
    }
    const events = collapse(batch)
    const params = events.flatMap(({ channel, event }) => [
      channel,
      JSON.stringify({ busId: this.#id, payload: event } satisfies BusEnvelope),
    ])
    const calls = events.map((_, index) => `pg_notify($${2 * index + 1}, $${2 * index + 2})`)
    try {
      const client = await this.#connection()
      await client.query(`SELECT ${calls.join(', ')}`, params)
      batch.forEach((entry) => entry.settle?.())
    } catch (error) {
      batch.forEach((entry) => entry.settle?.(error))
      if (!this.#disconnected) {
        this.#outbox.unshift(...events.map(({ channel, event }) => ({ channel, event })))
        this.#reconnect(0)
      }
    }
  }
}

/**
 * Keeps deletions and revocations and, per channel, only the doorbell with
 * the highest seq
 */
function collapse(batch: Outgoing[]) {
  const latest = new Map<string, Outgoing>()
  const kept: Outgoing[] = []
  for (const entry of batch) {
    if (!('seq' in entry.event)) {
      kept.push(entry)
      continue
    }
    const previous = latest.get(entry.channel)
    if (!previous || ('seq' in previous.event && previous.event.seq < entry.event.seq)) {
      latest.set(entry.channel, entry)
    }
  }
  return [...kept, ...latest.values()]
}

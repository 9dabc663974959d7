import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Bus, BusEnvelope, BusHandler, BusEvent } from './bus.js'
import type { Logger } from './logger.js'

/**
 * Where the bus connects (a redis:// URL) and how it reports trouble
 */
type RedisBusOptions = { url: string; logger: Logger }

/**
 * Bus over Redis pub/sub with separate publisher and subscriber connections
 * (a subscribed connection cannot publish). ioredis reconnects on its own and
 * re-subscribes; `onReconnect` callbacks then run so nodes re-read the store
 * for what was published while the link was down.
 */
export class RedisBus implements Bus {
  readonly #id = randomUUID()
  #handlers = new Map<string, BusHandler>()
  #reconnectCallbacks: Array<() => void> = []
  #publisher: Redis
  #subscriber: Redis
  #wasReady = false

  constructor(private readonly options: RedisBusOptions) {
    const connection = { maxRetriesPerRequest: 3, lazyConnect: false }
    this.#publisher = new Redis(options.url, connection)
    this.#subscriber = new Redis(options.url, connection)
    for (const client of [this.#publisher, this.#subscriber]) {
      client.on('error', (error) =>
        options.logger.warn({ err: error }, 'redis bus connection error')
      )
    }
    this.#subscriber.on('ready', () => this.#onSubscriberReady())
    this.#subscriber.on('message', (channel: string, message: string) =>
      this.#receive(channel, message)
    )
  }

  async publish(channel: string, event: BusEvent) {
    const envelope: BusEnvelope = { busId: this.#id, payload: event }
    await this.#publisher.publish(channel, JSON.stringify(envelope))
  }

  async subscribe(channel: string, handler: BusHandler) {
    this.#handlers.set(channel, handler)
    try {
      await this.#handshakeOver()
      await this.#subscriber.subscribe(channel)
    } catch (error) {
      this.#handlers.delete(channel)
      throw error
    }
  }

  async unsubscribe(channel: string) {
    this.#handlers.delete(channel)
    await this.#subscriber.unsubscribe(channel)
  }

  async disconnect() {
    this.#handlers.clear()
    await Promise.allSettled([this.#publisher.quit(), this.#subscriber.quit()])
  }

  onReconnect(callback: () => void) {
    this.#reconnectCallbacks.push(callback)
  }

  /**
   * Resolves once the subscriber connection is not in its handshake. ioredis
   * writes SUBSCRIBE at once during the handshake; the handshake's INFO then
   * fails in subscriber mode and the connection drops, losing what was
   * published meanwhile (ioredis#2037). Before and after, a SUBSCRIBE waits in
   * ioredis's offline queue or goes out on a ready connection.
   */
  async #handshakeOver() {
    const subscriber = this.#subscriber
    while (subscriber.status === 'connect') {
      await new Promise<void>((resolve) => {
        const done = () => {
          subscriber.off('ready', done)
          subscriber.off('close', done)
          resolve()
        }
        subscriber.on('ready', done)
        subscriber.on('close', done)
      })
    }
  }

  #onSubscriberReady() {
    if (!this.#wasReady) {
      this.#wasReady = true
      return
    }
    for (const callback of this.#reconnectCallbacks) {
      callback()
    }
  }

  #receive(channel: string, message: string) {
    const handler = this.#handlers.get(channel)
    if (!handler) {
      return
    }
    try {
      const envelope = JSON.parse(message) as BusEnvelope
      if (envelope.busId !== this.#id) {
        handler(envelope.payload)
      }
    } catch (error) {
      this.options.logger.warn({ err: error, channel }, 'dropped a malformed redis bus envelope')
    }
  }
}

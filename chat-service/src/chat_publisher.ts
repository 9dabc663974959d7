import { roomChannel, type Bus, type BusEvent } from './bus.js'
import type { MessageStore, NewMessage } from './message_store.js'
import type { Logger } from './logger.js'

/**
 * How code outside the chat server (the web app) changes what live clients
 * see: it writes through the same store and rings the bus like a chat node
 */
export class ChatPublisher {
  constructor(
    private readonly store: MessageStore,
    private readonly bus: Bus,
    private readonly logger: Logger
  ) {}

  /**
   * Stores a message exactly once per client id and announces it; null when
   * the room is gone
   */
  async post(message: NewMessage) {
    const stored = await this.store.append(message)
    if (stored && !stored.duplicate) {
      await this.#ring({ room: stored.room, seq: stored.seq })
    }
    return stored
  }

  /**
   * Tells every chat node the room is gone (call after the delete committed)
   */
  roomDeleted(room: number) {
    return this.#ring({ room, deleted: true })
  }

  /**
   * Releases the bus
   */
  close() {
    return this.bus.disconnect()
  }

  /**
   * A lost doorbell is not fatal: nodes catch up from the store on the next
   * one, so the write that already committed still succeeds
   */
  async #ring(event: BusEvent) {
    try {
      await this.bus.publish(roomChannel(event.room), event)
    } catch (error) {
      this.logger.error({ err: error, room: event.room }, 'chat bus publish failed')
    }
  }
}

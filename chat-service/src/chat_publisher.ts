import { randomUUID } from 'node:crypto'
import { roomChannel, SIGN_OUT_CHANNEL, type Bus, type RoomBusEvent } from './bus.js'
import type {
  ChangeResult,
  MessageEdit,
  MessageRemoval,
  MessageStore,
  NewMessage,
} from './message_store.js'
import type { Logger } from './logger.js'
import { ACTIVITY_CHANNEL, type RoomActivity } from './room_activity.js'

/**
 * How code outside the chat server (the web app) changes what live clients
 * see: it writes through the same store and rings the bus like a chat node
 */
export class ChatPublisher {
  /** Names this publisher in the activity events it sends */
  readonly #node = randomUUID()

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
      await this.#ring({ room: stored.room, seq: stored.seq, sentAt: Date.now() })
      await this.#active(stored)
    }
    return stored
  }

  /**
   * Edits a message (its author only) and announces the edit entry
   */
  async edit(edit: MessageEdit) {
    return this.#announced(await this.store.edit(edit))
  }

  /**
   * Deletes a message (its author or the room's owner) and announces the
   * delete entry
   */
  async remove(removal: MessageRemoval) {
    return this.#announced(await this.store.remove(removal))
  }

  /**
   * Tells every chat node the room is gone (call after the delete committed)
   */
  roomDeleted(room: number) {
    return this.#ring({ room, deleted: true })
  }

  /**
   * Tells every chat node that `user` may no longer see the room (call after
   * the membership was removed): their sockets stop receiving it
   */
  accessRevoked(room: number, user: number) {
    return this.#ring({ room, revoked: user })
  }

  /**
   * Tells every chat node that `user` ended the sign-in `credential` (call
   * after the sign-out is recorded): their sockets opened with it close with
   * 1008. Throws when the bus refuses: the caller decides how loud that is.
   */
  signedOut(user: number, credential: string) {
    return this.bus.publish(SIGN_OUT_CHANNEL, { user, signedOut: credential })
  }

  /**
   * Releases the bus
   */
  close() {
    return this.bus.disconnect()
  }

  async #announced(result: ChangeResult) {
    if (result.ok && !result.entry.duplicate) {
      await this.#ring({ room: result.entry.room, seq: result.entry.seq })
      await this.#active(result.entry)
    }
    return result
  }

  /**
   * Tells the web app's lobby about the new entry, as a chat node does (no
   * user is online through this publisher)
   */
  async #active(entry: { room: number; seq: number; createdAt: Date }) {
    const activity: RoomActivity = {
      seq: entry.seq,
      at: entry.createdAt.toISOString(),
      node: this.#node,
      online: 0,
    }
    try {
      await this.bus.publish(ACTIVITY_CHANNEL, { room: entry.room, activity })
    } catch (error) {
      this.logger.warn({ err: error, room: entry.room }, 'chat activity publish failed')
    }
  }

  /**
   * A lost doorbell is not fatal: nodes catch up from the store on the next
   * one, so the write that already committed still succeeds
   */
  async #ring(event: RoomBusEvent) {
    try {
      await this.bus.publish(roomChannel(event.room), event)
    } catch (error) {
      this.logger.error({ err: error, room: event.room }, 'chat bus publish failed')
    }
  }
}

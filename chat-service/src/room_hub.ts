import { RoomFeed, type RoomFeedDeps } from './room_feed.js'
import {
  ACTIVITY_CHANNEL,
  roomChannel,
  type ActivityEvent,
  type Bus,
  type BusEvent,
  type RoomBusEvent,
  type RoomSettingsChange,
} from './bus.js'
import type { Connection } from './connection.js'
import type { StoredMessage } from './message_store.js'
import { RoomActivityPublisher } from './room_activity.js'

/**
 * The room feeds of this process and their bus subscriptions: every change
 * of a room made in this process reaches its sockets here from memory and
 * the other nodes as a doorbell on the bus, built here. Subscribing,
 * joining and unsubscribing a room run one at a time per room, so a leaving
 * last socket never unsubscribes a feed someone is joining.
 */
export class RoomHub {
  #feeds = new Map<number, RoomFeed>()
  #locks = new Map<number, Promise<unknown>>()
  #activity: RoomActivityPublisher
  #activityListeners = new Set<(event: ActivityEvent) => void>()

  constructor(
    private readonly deps: RoomFeedDeps & {
      bus: Bus
      /** Called when a node muted `user` in `room` until `until` (null: unmuted) */
      onMuteChanged: (room: number, user: number, until: number | null) => void
      /** Called when a node changed the room's settings (the room's feed, if any) */
      onSettingsChanged: (room: number, change: RoomSettingsChange, feed?: RoomFeed) => void
    }
  ) {
    this.#activity = new RoomActivityPublisher({
      announce: (event) => this.#announce(event),
      onlineOf: (room) => this.#feeds.get(room)?.onlineCount ?? 0,
      rooms: () => this.#feeds.keys(),
    })
    this.#activity.start()
  }

  /**
   * The feed of a room this process has sockets in
   */
  feed(room: number) {
    return this.#feeds.get(room)
  }

  /**
   * Adds the socket to the room's feed, subscribing first when it is the
   * room's first socket here. `headSeq` is the room's head read before; the
   * new feed re-reads the store once subscribed, so nothing in between is
   * lost. Returns the feed and the seq after which live frames start.
   */
  join(room: number, headSeq: number, connection: Connection) {
    return this.#locked(room, async () => {
      let feed = this.#feeds.get(room)
      if (!feed) {
        feed = new RoomFeed(room, headSeq, this.deps)
        this.#feeds.set(room, feed)
        try {
          await this.deps.bus.subscribe(roomChannel(room), (event) => this.#onEvent(event))
        } catch (error) {
          this.#feeds.delete(room)
          throw error
        }
        feed.resync()
      }
      const lastSeq = feed.add(connection)
      connection.rooms.add(room)
      this.#activity.changed(room)
      return { feed, lastSeq }
    })
  }

  /**
   * Removes the socket from the room; the last one out unsubscribes
   */
  leave(room: number, connection: Connection) {
    connection.rooms.delete(room)
    const feed = this.#feeds.get(room)
    if (!feed) {
      return
    }
    feed.remove(connection)
    this.#activity.changed(room)
    if (feed.size === 0) {
      this.#release(room, feed)
    }
  }

  /**
   * A message this process stored: fan it out here and ring the other nodes
   */
  stored(message: StoredMessage) {
    this.#feeds.get(message.room)?.offer(message)
    this.#activity.stored(message.room, message.seq, message.createdAt)
    return this.#ring({ room: message.room, seq: message.seq, sentAt: this.deps.clock.now() })
  }

  /**
   * The room is gone (its delete committed): its sockets here are told, and
   * the other nodes rung
   */
  roomDeleted(room: number) {
    this.#onRoomEvent({ room, deleted: true })
    return this.#ring({ room, deleted: true })
  }

  /**
   * User `user` may no longer see the room (their membership was removed):
   * their sockets here and on the other nodes leave it
   */
  accessRevoked(room: number, user: number) {
    this.#onRoomEvent({ room, revoked: user })
    return this.#ring({ room, revoked: user })
  }

  /**
   * User `user` was muted in the room until `until` (null: unmuted): every
   * node learns it, and the user's sockets in the room are told
   */
  muteChanged(room: number, user: number, until: number | null) {
    this.#onRoomEvent({ room, muted: user, until })
    return this.#ring({ room, muted: user, until })
  }

  /**
   * The room was archived or unarchived, or fewer people may see it: every
   * node hears it (RoomSettingsChange)
   */
  settingsChanged(room: number, change: RoomSettingsChange) {
    this.#onRoomEvent({ room, settings: change })
    return this.#ring({ room, settings: change })
  }

  /**
   * Calls `listener` with this node's room activity (the bus does not
   * return a node's own events to it)
   */
  onActivity(listener: (event: ActivityEvent) => void) {
    this.#activityListeners.add(listener)
  }

  /**
   * Stops calling `listener`
   */
  offActivity(listener: (event: ActivityEvent) => void) {
    this.#activityListeners.delete(listener)
  }

  /**
   * Re-reads every room from the store (the bus may have dropped events)
   */
  resyncAll() {
    for (const feed of this.#feeds.values()) {
      feed.resync()
    }
  }

  /**
   * Stops every feed and unsubscribes from the bus
   */
  async close() {
    this.#activity.close()
    const rooms = [...this.#feeds.keys()]
    await Promise.all(
      rooms.map((room) =>
        this.#locked(room, async () => {
          this.#feeds.get(room)?.close()
          this.#feeds.delete(room)
          await this.deps.bus.unsubscribe(roomChannel(room))
        })
      )
    )
  }

  #onEvent(event: BusEvent) {
    this.deps.metrics.busReceived()
    if ('sentAt' in event && event.sentAt !== undefined) {
      this.deps.metrics.busLag((this.deps.clock.now() - event.sentAt) / 1000)
    }
    if (!('room' in event)) {
      return
    }
    this.#onRoomEvent(event)
  }

  #onRoomEvent(event: RoomBusEvent) {
    const feed = this.#feeds.get(event.room)
    if ('muted' in event) {
      this.deps.onMuteChanged(event.room, event.muted, event.until)
      return feed?.tellMuted(event.muted, event.until)
    }
    if ('settings' in event) {
      return this.deps.onSettingsChanged(event.room, event.settings, feed)
    }
    if (!feed) {
      return
    }
    if ('deleted' in event) {
      feed.roomDeleted()
      this.#activity.changed(event.room)
      this.#release(event.room, feed)
    } else if ('revoked' in event) {
      feed.revoke(event.revoked)
      this.#activity.changed(event.room)
      this.#release(event.room, feed)
    } else if ('seq' in event) {
      feed.ring(event.seq)
    }
  }

  /**
   * A lost doorbell is not fatal: nodes catch up from the store on the next
   * one, so the write that already committed still succeeds
   */
  async #ring(event: RoomBusEvent) {
    try {
      await this.deps.bus.publish(roomChannel(event.room), event)
      this.deps.metrics.busPublished()
    } catch (error) {
      this.deps.logger.error({ err: error, room: event.room }, 'chat bus publish failed')
    }
  }

  #announce(event: ActivityEvent) {
    for (const listener of this.#activityListeners) {
      listener(event)
    }
    this.deps.bus
      .publish(ACTIVITY_CHANNEL, event)
      .catch((error) =>
        this.deps.logger.warn({ err: error, room: event.room }, 'chat activity publish failed')
      )
  }

  #release(room: number, feed: RoomFeed) {
    this.#locked(room, async () => {
      if (this.#feeds.get(room) !== feed || feed.size > 0) {
        return
      }
      feed.close()
      this.#feeds.delete(room)
      await this.deps.bus.unsubscribe(roomChannel(room))
    }).catch((error) => this.deps.logger.error({ err: error, room }, 'chat bus unsubscribe failed'))
  }

  #locked<T>(room: number, task: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(room) ?? Promise.resolve()
    const result = previous.then(task)
    const settled = result.catch(() => {})
    this.#locks.set(room, settled)
    settled.then(() => {
      if (this.#locks.get(room) === settled) {
        this.#locks.delete(room)
      }
    })
    return result
  }
}

import { serverFrames, type WireFrame } from './server_frames.js'
import { BroadcastFrame } from './broadcast_frame.js'
import type { Connection } from './connection.js'
import type { MessageStore, StoredMessage } from './message_store.js'
import type { Logger } from './logger.js'
import type { Clock } from './clock.js'
import type { ChatLimits } from './limits.js'
import type { ChatMetrics } from './chat_metrics.js'
import { RoomPresence } from './room_presence.js'
import { RoomTyping } from './room_typing.js'

/**
 * What a room feed needs from the chat server
 */
export type RoomFeedDeps = {
  store: MessageStore
  logger: Logger
  clock: Clock
  limits: ChatLimits
  metrics: ChatMetrics
}

/**
 * A joined socket: live, or still replaying with live frames held back.
 * `floor` is the highest seq it already has.
 */
type Member = {
  connection: Connection
  live: boolean
  floor: number
  backlog: Array<{ seq: number; frame: WireFrame }>
}

const PAGE_SIZE = 100
/** Replays stream pages of serialised frames, at most two of them unsent */
const REPLAY_PAGE_SIZE = 2500
const RETRY_MS = 1000

/**
 * The sockets of one process in one room. Delivers the room's log to them
 * in seq order with no gap and no duplicate: every message passes
 * `deliveredSeq + 1`, and anything out of order or announced by the bus is
 * re-read from the store.
 */
export class RoomFeed {
  #members = new Map<Connection, Member>()
  #presence = new RoomPresence()
  #typing: RoomTyping
  #deliveredSeq: number
  #chain: Promise<void> = Promise.resolve()
  #retryTimer: NodeJS.Timeout | null = null
  #presenceTimer: NodeJS.Timeout | null = null
  #closed = false

  constructor(
    readonly room: number,
    headSeq: number,
    private readonly deps: RoomFeedDeps
  ) {
    this.#deliveredSeq = headSeq
    this.#typing = new RoomTyping(room, deps.clock, deps.limits.typingIntervalMs)
  }

  /**
   * Number of joined sockets
   */
  get size() {
    return this.#members.size
  }

  /**
   * The distinct users with a socket in the room
   */
  get users() {
    return this.#presence.users
  }

  /**
   * Number of distinct users with a socket in the room
   */
  get onlineCount() {
    return this.#presence.count
  }

  /**
   * Adds a socket (held back until `replay` or `goLive`) and sends it
   * `joined`; a socket joining again is reset without presence noise
   */
  add(connection: Connection) {
    const rejoining = this.#members.has(connection)
    const lastSeq = this.#deliveredSeq
    this.#members.set(connection, { connection, live: false, floor: lastSeq, backlog: [] })
    const arrived = !rejoining && this.#presence.arrive(connection.user)
    connection.send(serverFrames.joined(this.room, lastSeq, this.#presence.users))
    if (arrived) {
      this.#presenceChanged(connection)
    }
    return lastSeq
  }

  /**
   * Sends the socket every message after `since` (in `replay` frames when
   * `batch`), then its held-back live frames that the replay did not cover,
   * then switches it to live
   */
  async replay(connection: Connection, since: number, batch = false) {
    let cursor = since
    let previousPage: Promise<void> = Promise.resolve()
    for (;;) {
      const writer = connection.replayWriter(batch ? this.room : null)
      let count = 0
      let replaying = true
      await this.deps.store.streamFramesAfter(this.room, cursor, REPLAY_PAGE_SIZE, (entry) => {
        count++
        cursor = entry.seq
        // A socket removed meanwhile (access revoked, room deleted) gets nothing more
        replaying &&= this.#members.get(connection)?.live === false
        if (replaying) writer.push(entry.frame)
      })
      if (!replaying || this.#members.get(connection)?.live !== false) {
        return
      }
      const written = writer.end()
      this.deps.metrics.replayed(count)
      if (count < REPLAY_PAGE_SIZE) {
        return this.goLive(connection, cursor)
      }
      // The next page is read while this one is written; the one before must be out
      await previousPage
      previousPage = written
    }
  }

  /**
   * Flushes held-back frames with seq > `floor` and makes the socket live;
   * later frames up to `floor` (replayed already) are skipped too
   */
  goLive(connection: Connection, floor: number) {
    const member = this.#members.get(connection)
    if (!member || member.live) {
      return
    }
    let flushed = 0
    for (const entry of member.backlog) {
      if (entry.seq > floor) {
        connection.send(entry.frame)
        flushed++
      }
    }
    this.deps.metrics.delivered(flushed)
    member.backlog = []
    member.floor = floor
    member.live = true
  }

  /**
   * Removes a socket; the last socket of a user announces `presence left`
   */
  remove(connection: Connection) {
    if (!this.#members.delete(connection)) {
      return
    }
    if (this.#presence.depart(connection.user)) {
      this.#typing.forget(connection.user.id)
      this.#presenceChanged()
    }
  }

  /**
   * A message this process just stored: delivered at once when it is next
   * in line, otherwise the gap is filled from the store
   */
  offer(message: StoredMessage) {
    this.#run(async () => {
      if (message.seq === this.#deliveredSeq + 1) {
        this.#deliver(message)
      } else if (message.seq > this.#deliveredSeq) {
        await this.#catchUp()
      }
    })
  }

  /**
   * The bus says the log reached `seq`: read what this process has not seen
   */
  ring(seq: number) {
    this.#run(async () => {
      if (seq > this.#deliveredSeq) {
        await this.#catchUp()
      }
    })
  }

  /**
   * Re-reads the store unconditionally (after a bus reconnect)
   */
  resync() {
    this.#run(() => this.#catchUp())
  }

  /**
   * Relays a typing notice to the other users, at most one per user per
   * `typingIntervalMs`
   */
  typing(connection: Connection) {
    this.#typing.relay(connection, this.#members.keys())
  }

  /**
   * User `userId` may no longer see the room (left or was removed from a
   * private room): their sockets are told and leave it
   */
  revoke(userId: number) {
    const frame = serverFrames.roomAccessRevoked(this.room)
    for (const member of [...this.#members.values()]) {
      if (member.connection.user.id === userId) {
        member.connection.rooms.delete(this.room)
        member.connection.send(frame)
        this.remove(member.connection)
      }
    }
  }

  /**
   * User `userId` was muted until `until` (epoch ms; null: unmuted): their
   * sockets in the room are told
   */
  tellMuted(userId: number, until: number | null) {
    const frame = serverFrames.muted(this.room, until)
    for (const member of this.#members.values()) {
      if (member.connection.user.id === userId) {
        member.connection.send(frame)
      }
    }
  }

  /**
   * The room is gone: tell every socket, forget them and stop
   */
  roomDeleted() {
    const frame = serverFrames.roomDeleted(this.room)
    for (const member of this.#members.values()) {
      member.connection.rooms.delete(this.room)
      member.connection.send(frame)
    }
    this.#members.clear()
    this.#presence.clear()
    this.#typing.clear()
    this.close()
  }

  /**
   * Stops deliveries and retries
   */
  close() {
    this.#closed = true
    if (this.#retryTimer) {
      clearTimeout(this.#retryTimer)
      this.#retryTimer = null
    }
    if (this.#presenceTimer) {
      clearTimeout(this.#presenceTimer)
      this.#presenceTimer = null
    }
  }

  /**
   * Someone came or went: told at once when the room was quiet (not to
   * `cause`, whose `joined` frame listed them), else with every change of
   * the interval in one frame when it ends; a change nobody else hears opens
   * no interval. A join and a leave per room switch would otherwise send two
   * frames to everyone in two rooms.
   */
  #presenceChanged(cause?: Connection) {
    if (this.#presenceTimer) {
      return
    }
    this.#tellPresence(cause)
  }

  #tellPresence(cause?: Connection) {
    const changes = this.#presence.takeChanges()
    if (this.#closed || changes.joined.length + changes.left.length === 0) {
      this.#presenceTimer = null
      return
    }
    const listeners = this.#members.size - (cause ? 1 : 0)
    if (listeners === 0) {
      this.#presenceTimer = null
      return
    }
    const frame = serverFrames.presence(this.room, changes)
    if (cause) this.#sendToOthers(frame, cause)
    else this.#broadcast(frame)
    this.#presenceTimer = setTimeout(
      () => this.#tellPresence(),
      this.deps.limits.presenceIntervalMs
    )
    this.#presenceTimer.unref()
  }

  #sendToOthers(frame: WireFrame, connection: Connection) {
    const broadcast = new BroadcastFrame(frame)
    for (const member of this.#members.values()) {
      if (member.connection !== connection) {
        member.connection.sendBroadcast(broadcast)
      }
    }
  }

  #broadcast(frame: WireFrame) {
    const broadcast = new BroadcastFrame(frame)
    for (const member of this.#members.values()) {
      member.connection.sendBroadcast(broadcast)
    }
  }

  #deliver(message: StoredMessage) {
    this.#deliveredSeq = message.seq
    const frame = serverFrames.message(message)
    const broadcast = new BroadcastFrame(frame)
    let sent = 0
    for (const member of this.#members.values()) {
      if (!member.live) {
        member.backlog.push({ seq: message.seq, frame })
      } else if (message.seq > member.floor) {
        member.connection.sendBroadcast(broadcast)
        sent++
      }
    }
    this.deps.metrics.delivered(sent)
  }

  async #catchUp() {
    for (;;) {
      const messages = await this.deps.store.readAfter(this.room, this.#deliveredSeq, PAGE_SIZE)
      for (const message of messages) {
        if (!this.#closed && message.seq > this.#deliveredSeq) {
          this.#deliver(message)
        }
      }
      if (messages.length < PAGE_SIZE) {
        return
      }
    }
  }

  /**
   * Runs deliveries one at a time; a failed store read is retried later
   */
  #run(task: () => Promise<void>) {
    this.#chain = this.#chain.then(async () => {
      if (this.#closed) {
        return
      }
      try {
        await task()
      } catch (error) {
        this.deps.logger.error({ err: error, room: this.room }, 'chat room catch-up failed')
        this.#scheduleRetry()
      }
    })
  }

  #scheduleRetry() {
    if (this.#retryTimer || this.#closed) {
      return
    }
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null
      this.resync()
    }, RETRY_MS)
    this.#retryTimer.unref()
  }
}

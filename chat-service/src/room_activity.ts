import { randomUUID } from 'node:crypto'
import type { ActivityEvent } from './bus.js'

/**
 * Timings of the activity events, overridable in tests
 */
type ActivityTimings = { throttleMs: number; heartbeatMs: number }

/**
 * At most one event per room per second; the web app forgets a node's
 * presence 90 s after its last event, so a heartbeat every 30 s keeps it
 */
const DEFAULT_ACTIVITY_TIMINGS: ActivityTimings = { throttleMs: 1000, heartbeatMs: 30_000 }

type Window = { timer: NodeJS.Timeout; dirty: boolean }

/**
 * Announces a node's room activity, throttled per room: the first
 * change goes out at once, later changes within `throttleMs` are merged into
 * one trailing event carrying the latest state. A heartbeat re-announces
 * every room the node has sockets in.
 */
export class RoomActivityPublisher {
  /** Names this node in its events */
  readonly node = randomUUID()
  #latest = new Map<number, { seq: number; at: string }>()
  #windows = new Map<number, Window>()
  #heartbeat: NodeJS.Timeout | null = null

  constructor(
    private readonly deps: {
      /** Tells the lobbies (here and, over the bus, elsewhere) */
      announce(event: ActivityEvent): void
      /** Number of distinct users online in `room` on this node */
      onlineOf(room: number): number
      /** Rooms this node has sockets in */
      rooms(): Iterable<number>
      timings?: ActivityTimings
    }
  ) {}

  /**
   * Starts the heartbeat
   */
  start() {
    const { heartbeatMs } = this.#timings
    this.#heartbeat = setInterval(() => {
      for (const room of this.deps.rooms()) {
        this.changed(room)
      }
    }, heartbeatMs)
    this.#heartbeat.unref()
  }

  /**
   * This node stored log entry `seq` of `room` at `at`
   */
  stored(room: number, seq: number, at: Date) {
    const latest = this.#latest.get(room)
    if (!latest || latest.seq < seq) {
      this.#latest.set(room, { seq, at: at.toISOString() })
    }
    this.changed(room)
  }

  /**
   * Something about `room` changed on this node (a join, a leave)
   */
  changed(room: number) {
    const window = this.#windows.get(room)
    if (window) {
      window.dirty = true
      return
    }
    this.#publish(room)
    this.#open(room)
  }

  /**
   * Stops the heartbeat and pending trailing events
   */
  close() {
    if (this.#heartbeat) {
      clearInterval(this.#heartbeat)
      this.#heartbeat = null
    }
    for (const window of this.#windows.values()) {
      clearTimeout(window.timer)
    }
    this.#windows.clear()
    this.#latest.clear()
  }

  get #timings() {
    return this.deps.timings ?? DEFAULT_ACTIVITY_TIMINGS
  }

  #open(room: number) {
    const timer = setTimeout(() => {
      const window = this.#windows.get(room)
      this.#windows.delete(room)
      if (window?.dirty) {
        this.#publish(room)
        this.#open(room)
      }
    }, this.#timings.throttleMs)
    timer.unref()
    this.#windows.set(room, { timer, dirty: false })
  }

  #publish(room: number) {
    const latest = this.#latest.get(room)
    this.#latest.delete(room)
    this.deps.announce({
      room,
      activity: {
        seq: latest?.seq ?? 0,
        at: latest?.at ?? null,
        node: this.node,
        online: this.deps.onlineOf(room),
      },
    })
  }
}

import type { PresenceEvent } from './bus.js'
import type { PresenceState } from './user_presence.js'

/**
 * The web app forgets a node's word about a person 90 s after it last
 * heard it, so the node repeats everyone's state every 30 s
 */
const DEFAULT_HEARTBEAT_MS = 30_000

/**
 * People per event: each is about 20 bytes of JSON, so an event stays far
 * below PostgreSQL NOTIFY's 8,000-byte limit
 */
const PEOPLE_PER_EVENT = 200

/**
 * Announces a node's people and their states: a change at once, and
 * everyone connected here every heartbeat (in events of at most
 * PEOPLE_PER_EVENT people)
 */
export class PresencePublisher {
  #heartbeat: NodeJS.Timeout | null = null

  constructor(
    private readonly deps: {
      /** Names this node in its events */
      node: string
      /** Tells the web apps (here and, over the bus, elsewhere) */
      announce(event: PresenceEvent): void
      /** Everyone connected to this node, with their state */
      states(): Iterable<[number, PresenceState]>
      heartbeatMs?: number
    }
  ) {}

  /**
   * Starts the heartbeat
   */
  start() {
    this.#heartbeat = setInterval(
      () => this.repeat(),
      this.deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS
    )
    this.#heartbeat.unref()
  }

  /**
   * Person `user` is now `state` on this node
   */
  changed(user: number, state: PresenceState) {
    this.deps.announce({ node: this.deps.node, presence: [[user, state]] })
  }

  /**
   * Announces everyone connected to this node again
   */
  repeat() {
    let batch: Array<[number, PresenceState]> = []
    for (const entry of this.deps.states()) {
      batch.push(entry)
      if (batch.length === PEOPLE_PER_EVENT) {
        this.deps.announce({ node: this.deps.node, presence: batch })
        batch = []
      }
    }
    if (batch.length > 0) {
      this.deps.announce({ node: this.deps.node, presence: batch })
    }
  }

  /**
   * Stops the heartbeat
   */
  close() {
    if (this.#heartbeat) {
      clearInterval(this.#heartbeat)
      this.#heartbeat = null
    }
  }
}

import type { RoomAccess } from './room_access.js'
import type { Clock } from './clock.js'

/**
 * How long this node trusts what it read of one user's mute in one room; a
 * mute made on another node reaches the rooms this node has sockets in at
 * once over the bus, and anything else within this time
 */
export const MUTE_RECHECK_MS = 5_000

/**
 * Entries kept at most before the oldest knowledge is dropped (re-read on need)
 */
const MAX_KNOWN = 50_000

/**
 * Who may not post where, as this node last read it from the app's rule
 * (RoomAccess): every post asks, the store is read at most once per
 * MUTE_RECHECK_MS per user and room, and a change a node announces is learnt at once
 */
export class RoomMutes {
  #known = new Map<string, { until: number | null; readAt: number }>()

  constructor(
    private readonly access: RoomAccess,
    private readonly clock: Clock
  ) {}

  /**
   * Until when (epoch ms) `user` may not post in `room`, or null
   */
  async mutedUntil(room: number, user: number) {
    const key = `${room}:${user}`
    const now = this.clock.now()
    let known = this.#known.get(key)
    if (!known || now - known.readAt >= MUTE_RECHECK_MS) {
      known = { until: await this.access.mutedUntil(room, user), readAt: now }
      if (this.#known.size >= MAX_KNOWN) this.#known.clear()
      this.#known.set(key, known)
    }
    return known.until !== null && known.until > now ? known.until : null
  }

  /**
   * What a node announced: `user` is muted in `room` until `until` (null: not)
   */
  learn(room: number, user: number, until: number | null) {
    this.#known.set(`${room}:${user}`, { until, readAt: this.clock.now() })
  }
}

/**
 * A post or edit refused because its author is muted in the room until `until` (epoch ms)
 */
export class MutedError extends Error {
  constructor(readonly until: number) {
    super(`Muted in this room until ${new Date(until).toISOString()}`)
  }
}

import type { RoomAccess } from './room_access.js'
import type { Clock } from './clock.js'

/**
 * How long this node trusts what it read of a room's archived state; an
 * archive made on another node reaches the nodes with sockets in the room at
 * once over the bus, and every node within this time
 */
export const ARCHIVE_RECHECK_MS = 5_000

/**
 * Rooms kept at most before the oldest knowledge is dropped (re-read on need)
 */
const MAX_KNOWN = 50_000

/**
 * Which rooms are archived (read-only), as this node last read it from the
 * app's rule (RoomAccess): every write asks, the store is read at most once
 * per ARCHIVE_RECHECK_MS per room, and a change a node announces is learnt at once
 */
export class RoomArchives {
  #known = new Map<number, { archived: boolean; readAt: number }>()

  constructor(
    private readonly access: RoomAccess,
    private readonly clock: Clock
  ) {}

  /**
   * Whether `room` is archived
   */
  async isArchived(room: number) {
    const now = this.clock.now()
    let known = this.#known.get(room)
    if (!known || now - known.readAt >= ARCHIVE_RECHECK_MS) {
      known = { archived: await this.access.isArchived(room), readAt: now }
      if (this.#known.size >= MAX_KNOWN) this.#known.clear()
      this.#known.set(room, known)
    }
    return known.archived
  }

  /**
   * What a node announced: `room` was archived (or unarchived)
   */
  learn(room: number, archived: boolean) {
    this.#known.set(room, { archived, readAt: this.clock.now() })
  }
}

/**
 * A post, edit, pin or reaction refused because the room is archived
 */
export class RoomArchivedError extends Error {
  readonly code = 'room_archived'

  constructor() {
    super('The room is archived: it is read-only')
  }
}

/**
 * The user's unread messages and mentions per joined room, as GET /notifications/unread gave
 * them, then counted in the tab from the `notification` events (one per message for a room at
 * level `all`, one per mention at level `mentions`) and the `read` events, exactly as the server
 * counts: unread messages up to UNREAD_CAP in an `all` room, every mention, a muted room's
 * mentions only in the total. A message counts once, by its seq: never when the server's
 * figures already cover it (at or below their room's `seq`) nor twice when its event repeats.
 */

/** A room's unread count stops here (the server's UNREAD_COUNT_CAP; shown as "99+") */
export const UNREAD_CAP = 100

/** A room's own seqs kept for de-duplication; older ones are folded into its figures */
const KEPT_SEQS = 200

/** A joined room as GET /notifications/unread gives it */
export type RoomFigures = {
  id: number
  level: 'all' | 'mentions' | 'nothing'
  unread: number
  mentions: number
  /** The room's newest seq the figures cover */
  seq: number
  /** The user's read marker they count from */
  read: number
}

/** A room's figures, and the messages counted here since (seq → is a mention) */
type RoomTally = RoomFigures & { counted: Map<number, boolean> }

/**
 * One tab's unread counts
 */
export class UnreadTally {
  #rooms = new Map<number, RoomTally>()

  /**
   * Takes the server's figures; messages counted here that they do not cover yet still count
   */
  load(rooms: RoomFigures[]) {
    const before = this.#rooms
    this.#rooms = new Map()
    for (const figures of rooms) {
      const tally = { ...figures, counted: new Map<number, boolean>() }
      this.#rooms.set(figures.id, tally)
      for (const [seq, mention] of before.get(figures.id)?.counted ?? []) {
        if (seq > figures.seq) tally.counted.set(seq, mention)
      }
    }
  }

  /**
   * Message `seq` of `room` notified the user (`mention` when it mentions them); false when it
   * changes nothing: a room the user has not joined, or a message counted already
   */
  notified(room: number, seq: number, mention: boolean) {
    const tally = this.#rooms.get(room)
    if (!tally || seq <= tally.seq || tally.counted.has(seq)) return false
    tally.counted.set(seq, mention)
    if (tally.counted.size > KEPT_SEQS) this.#fold(tally)
    return true
  }

  /**
   * The user read `room` up to `seq`; false when the counts cannot follow (the marker moved, but
   * not past what the server's figures cover: which of their messages stay unread is unknown)
   */
  read(room: number, seq: number) {
    const tally = this.#rooms.get(room)
    if (!tally || seq <= tally.read) return true
    if (seq < tally.seq) return false
    tally.read = seq
    tally.unread = 0
    tally.mentions = 0
    tally.seq = seq
    for (const counted of [...tally.counted.keys()]) {
      if (counted <= seq) tally.counted.delete(counted)
    }
    return true
  }

  /**
   * Message `seq` of `room` was deleted; false when the counts cannot follow (the server's
   * figures may count it: it is after the read marker and they cover it)
   */
  deleted(room: number, seq: number) {
    const tally = this.#rooms.get(room)
    if (!tally || tally.counted.delete(seq)) return true
    return seq <= tally.read || seq > tally.seq
  }

  /**
   * The unread messages and mentions of `room` (zero for a room not joined)
   */
  of(room: number) {
    const tally = this.#rooms.get(room)
    if (!tally) return { unread: 0, mentions: 0 }
    const mentioned = [...tally.counted.values()].filter(Boolean).length
    return {
      unread: tally.level === 'all' ? Math.min(UNREAD_CAP, tally.unread + tally.counted.size) : 0,
      mentions: tally.mentions + mentioned,
    }
  }

  /**
   * The joined rooms' ids
   */
  rooms() {
    return [...this.#rooms.keys()]
  }

  /**
   * The count in the tab's title: unread messages of `all` rooms, mentions of `mentions` rooms
   */
  total() {
    let total = 0
    for (const tally of this.#rooms.values()) {
      const { unread, mentions } = this.of(tally.id)
      if (tally.level === 'all') total += unread
      if (tally.level === 'mentions') total += mentions
    }
    return total
  }

  /** Folds the oldest half of the counted seqs into the room's figures */
  #fold(tally: RoomTally) {
    const seqs = [...tally.counted.keys()].sort((a, b) => a - b)
    const last = seqs[KEPT_SEQS / 2]
    for (const seq of seqs) {
      if (seq > last) break
      if (tally.level === 'all') tally.unread = Math.min(UNREAD_CAP, tally.unread + 1)
      if (tally.counted.get(seq)) tally.mentions += 1
      tally.counted.delete(seq)
    }
    tally.seq = last
  }
}

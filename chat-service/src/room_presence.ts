import type { ChatUser } from './ticket_verifier.js'

/**
 * The people who came to or went from a room since it was last told
 */
export type PresenceChanges = { joined: ChatUser[]; left: ChatUser[] }

/**
 * Who is online in one room on this node (a user counts once, however many
 * sockets they have), and who came or went since the room was last told.
 * Decides only; the room feed sends the frames.
 */
export class RoomPresence {
  #online = new Map<number, { user: ChatUser; sockets: number }>()
  #changed = new Map<number, ChatUser>()

  /**
   * Number of distinct users online
   */
  get count() {
    return this.#online.size
  }

  /**
   * The users online
   */
  get users() {
    return [...this.#online.values()].map((entry) => entry.user)
  }

  /**
   * A socket of `user` came in; true when it is their first (they joined)
   */
  arrive(user: ChatUser) {
    const entry = this.#online.get(user.id)
    if (entry) {
      entry.sockets++
      return false
    }
    this.#online.set(user.id, { user, sockets: 1 })
    this.#changed.set(user.id, user)
    return true
  }

  /**
   * A socket of `user` went; true when it was their last (they left)
   */
  depart(user: ChatUser) {
    const entry = this.#online.get(user.id)
    if (!entry || --entry.sockets > 0) {
      return false
    }
    this.#online.delete(user.id)
    this.#changed.set(user.id, user)
    return true
  }

  /**
   * Everyone who came or went since the last call, each once by where they
   * are now (someone who came and went is `left`: a socket that joined in
   * between listed them)
   */
  takeChanges(): PresenceChanges {
    const changes: PresenceChanges = { joined: [], left: [] }
    for (const [id, user] of this.#changed) {
      const now = this.#online.get(id)
      if (now) changes.joined.push(now.user)
      else changes.left.push(user)
    }
    this.#changed.clear()
    return changes
  }

  /**
   * Forgets everyone (the room is gone)
   */
  clear() {
    this.#online.clear()
    this.#changed.clear()
  }
}

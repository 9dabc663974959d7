import type { ChatUser } from './ticket_verifier.js'

/**
 * Who is online in one room on this node (a user counts once, however many
 * sockets they have). Decides only; the room feed sends the frames.
 */
export class RoomPresence {
  #online = new Map<number, { user: ChatUser; sockets: number }>()

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
    return true
  }

  /**
   * Forgets everyone (the room is gone)
   */
  clear() {
    this.#online.clear()
  }
}

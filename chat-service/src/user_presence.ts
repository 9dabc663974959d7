import type { Connection } from './connection.js'

/**
 * What a client says about its socket: someone is using it, or not lately
 * (no input for a while, or the tab is hidden)
 */
export type SocketActivity = 'active' | 'away'

/**
 * A person's state on one node: `online` when one of their sockets is
 * active, `away` when all are away, `offline` with none
 */
export type PresenceState = 'online' | 'away' | 'offline'

/**
 * Who is connected to this node and whether they are active, per person
 * (however many sockets, in however many rooms). Decides only; the caller
 * announces the changes it returns.
 */
export class UserPresence {
  #sockets = new Map<number, Map<Connection, SocketActivity>>()

  /**
   * A socket opened (active until it says otherwise); the person's new
   * state when it changed, else null
   */
  connected(connection: Connection) {
    return this.#change(connection, (sockets) => sockets.set(connection, 'active'))
  }

  /**
   * A socket reported its activity; the person's new state when it changed
   */
  reported(connection: Connection, activity: SocketActivity) {
    return this.#change(connection, (sockets) => {
      if (sockets.has(connection)) {
        sockets.set(connection, activity)
      }
    })
  }

  /**
   * A socket closed; the person's new state when it changed
   */
  disconnected(connection: Connection) {
    return this.#change(connection, (sockets) => sockets.delete(connection))
  }

  /**
   * The state of user `id` on this node
   */
  stateOf(id: number): PresenceState {
    const sockets = this.#sockets.get(id)
    if (!sockets || sockets.size === 0) {
      return 'offline'
    }
    for (const activity of sockets.values()) {
      if (activity === 'active') {
        return 'online'
      }
    }
    return 'away'
  }

  /**
   * Every person connected to this node, with their state
   */
  *states(): Generator<[number, PresenceState]> {
    for (const id of this.#sockets.keys()) {
      yield [id, this.stateOf(id)]
    }
  }

  #change(connection: Connection, apply: (sockets: Map<Connection, SocketActivity>) => void) {
    const id = connection.user.id
    const before = this.stateOf(id)
    const sockets = this.#sockets.get(id) ?? new Map<Connection, SocketActivity>()
    apply(sockets)
    if (sockets.size === 0) {
      this.#sockets.delete(id)
    } else {
      this.#sockets.set(id, sockets)
    }
    const after = this.stateOf(id)
    return after === before ? null : after
  }
}

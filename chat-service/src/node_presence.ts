import { randomUUID } from 'node:crypto'
import { PRESENCE_CHANNEL, type Bus, type PresenceEvent } from './bus.js'
import { PresencePublisher } from './presence_publisher.js'
import { UserPresence, type SocketActivity } from './user_presence.js'
import type { Connection } from './connection.js'
import type { Logger } from './logger.js'

/**
 * Receives the people's states of every node
 */
export type PresenceListener = (event: PresenceEvent) => void

/**
 * This node's people (online / away / offline) for the web app: sockets
 * come, report their activity and go; each change is told to this process's
 * listeners from memory and to the other processes over the bus
 */
export class NodePresence {
  #people = new UserPresence()
  #listeners = new Set<PresenceListener>()
  #publisher: PresencePublisher

  constructor(
    private readonly bus: Bus,
    private readonly logger: Logger,
    heartbeatMs?: number
  ) {
    this.#publisher = new PresencePublisher({
      node: randomUUID(),
      announce: (event) => this.#announce(event),
      states: () => this.#people.states(),
      heartbeatMs,
    })
    this.#publisher.start()
  }

  /**
   * A socket opened
   */
  connected(connection: Connection) {
    this.#told(connection, this.#people.connected(connection))
  }

  /**
   * A socket said whether someone is using it
   */
  reported(connection: Connection, activity: SocketActivity) {
    this.#told(connection, this.#people.reported(connection, activity))
  }

  /**
   * A socket closed
   */
  disconnected(connection: Connection) {
    this.#told(connection, this.#people.disconnected(connection))
  }

  /**
   * Calls `listener` with the presence events of every node, this one
   * included, starting with everyone connected here; rejects when the bus
   * refuses the subscription (call again)
   */
  async follow(listener: PresenceListener) {
    this.#listeners.add(listener)
    await this.bus.subscribe(PRESENCE_CHANNEL, (event) => {
      if ('presence' in event) {
        listener(event)
      }
    })
    this.#publisher.repeat()
  }

  /**
   * Stops calling `listener`
   */
  async unfollow(listener: PresenceListener) {
    this.#listeners.delete(listener)
    await this.bus.unsubscribe(PRESENCE_CHANNEL)
  }

  /**
   * Stops the heartbeat
   */
  close() {
    this.#publisher.close()
  }

  #told(connection: Connection, state: ReturnType<UserPresence['stateOf']> | null) {
    if (state) {
      this.#publisher.changed(connection.user.id, state)
    }
  }

  #announce(event: PresenceEvent) {
    for (const listener of this.#listeners) {
      listener(event)
    }
    this.bus
      .publish(PRESENCE_CHANNEL, event)
      .catch((error) => this.logger.warn({ err: error }, 'chat presence publish failed'))
  }
}

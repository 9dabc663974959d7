import { serverFrames } from './server_frames.js'
import { BroadcastFrame } from './broadcast_frame.js'
import type { Connection } from './connection.js'
import type { Clock } from './clock.js'

/**
 * Typing notices of one room on this node: relayed to the other users'
 * sockets, at most one per user per `typingIntervalMs`
 */
export class RoomTyping {
  #typedAt = new Map<number, number>()

  constructor(
    private readonly room: number,
    private readonly clock: Clock,
    private readonly typingIntervalMs: number
  ) {}

  /**
   * Sends `typist`'s notice to the sockets in `sockets` of other users,
   * unless that user already typed within the interval
   */
  relay(typist: Connection, sockets: Iterable<Connection>) {
    const now = this.clock.now()
    const last = this.#typedAt.get(typist.user.id)
    if (last !== undefined && now - last < this.typingIntervalMs) {
      return
    }
    this.#typedAt.set(typist.user.id, now)
    const frame = new BroadcastFrame(serverFrames.typing(this.room, typist.user))
    for (const socket of sockets) {
      if (socket.user.id !== typist.user.id) {
        socket.sendBroadcast(frame)
      }
    }
  }

  /**
   * Forgets when user `userId` last typed (they left the room)
   */
  forget(userId: number) {
    this.#typedAt.delete(userId)
  }

  /**
   * Forgets everyone (the room is gone)
   */
  clear() {
    this.#typedAt.clear()
  }
}

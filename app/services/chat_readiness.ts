import type { ChatCapacityState } from '#chat/src/socket_capacity'

/**
 * What the readiness probe says about the chat of this process: `full` at
 * its socket cap or near its open-files limit, null when none runs here
 */
export type ChatReadinessCheck = 'ok' | 'full' | null

/**
 * The chat servers this process runs (in-process mode), so the readiness
 * probe can tell a load balancer to stop sending sockets to a full one
 */
export default class ChatReadiness {
  #chats = new Set<{ capacity(): ChatCapacityState }>()

  /**
   * Follows `chat` until the returned function is called
   */
  track(chat: { capacity(): ChatCapacityState }) {
    this.#chats.add(chat)
    return () => this.#chats.delete(chat)
  }

  /**
   * `full` when any chat here cannot accept another socket
   */
  check(): ChatReadinessCheck {
    if (this.#chats.size === 0) {
      return null
    }
    return [...this.#chats].every((chat) => chat.capacity().accepting) ? 'ok' : 'full'
  }
}

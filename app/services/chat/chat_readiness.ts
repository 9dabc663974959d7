import type { ChatCapacityState } from '#chat/index'

/**
 * A chat server as its readiness check sees it
 */
export type ChatWithCapacity = { capacity(): ChatCapacityState }

/**
 * The chat servers this process runs (in-process mode), so the readiness
 * probe can tell a load balancer to stop sending sockets to a full one
 */
export default class ChatReadiness {
  #chats = new Set<ChatWithCapacity>()

  /**
   * Follows `chat` until the returned function is called
   */
  track(chat: ChatWithCapacity) {
    this.#chats.add(chat)
    return () => this.#chats.delete(chat)
  }

  /**
   * The chats followed now
   */
  tracked() {
    return [...this.#chats]
  }
}

import type { ChatUser } from './ticket_verifier.js'

/**
 * A room as the chat sees it: its log head, and whether only members see it
 */
export type RoomHead = { id: number; lastSeq: number; isPrivate: boolean }

/**
 * Who may see a room: the app's one rule (the Room model), asked by the chat
 * before a join and a history read
 */
export interface RoomAccess {
  /**
   * The room's head, or null when it does not exist or `user` may not see it
   */
  visibleRoom(room: number, user: ChatUser): Promise<RoomHead | null>
}

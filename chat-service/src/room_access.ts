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

  /**
   * Whether `user` moderates the room (deletes anyone's message): its
   * owner, a moderator the owner chose, or the instance admin
   */
  mayModerate(room: number, user: ChatUser): Promise<boolean>

  /**
   * Until when (epoch ms) `user` is muted in the room (may not post), or null
   */
  mutedUntil(room: number, user: number): Promise<number | null>

  /**
   * Whether the room is archived (read-only: no posts, edits, pins or reactions)
   */
  isArchived(room: number): Promise<boolean>
}

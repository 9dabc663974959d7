import type { ChatUser } from './ticket_verifier.js'

/**
 * One entry of a room's sequence log
 */
export type StoredMessage = {
  id: number
  room: number
  seq: number
  user: ChatUser
  text: string
  clientId: string | null
  createdAt: Date
}

/**
 * A message to append; `clientId` makes a resend idempotent
 */
export type NewMessage = { room: number; user: ChatUser; clientId: string | null; text: string }

/**
 * The stored message; `duplicate` is true when `clientId` was already used and
 * nothing new was written
 */
export type AppendResult = StoredMessage & { duplicate: boolean }

/**
 * A page of history, ascending by seq
 */
export type HistoryPage = { messages: StoredMessage[]; hasMore: boolean }

/**
 * The sequence log of every room: the source of truth the chat re-reads
 * whenever the bus may have missed something
 */
export interface MessageStore {
  /**
   * The room's current head (`lastSeq`), or null when it does not exist or
   * `user` may not see it
   */
  findRoom(room: number, user: ChatUser): Promise<{ id: number; lastSeq: number } | null>

  /**
   * Appends with the next per-room seq, exactly once per (room, user, clientId).
   * Resolves after commit; null when the room is gone.
   */
  append(message: NewMessage): Promise<AppendResult | null>

  /**
   * Up to `limit` committed entries with seq > `afterSeq`, ascending
   */
  readAfter(room: number, afterSeq: number, limit: number): Promise<StoredMessage[]>

  /**
   * The `limit` newest entries with seq < `beforeSeq` (all when null), ascending
   */
  readBefore(room: number, beforeSeq: number | null, limit: number): Promise<HistoryPage>
}

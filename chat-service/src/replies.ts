import type { NewMessage, StoredMessage } from './message_store.js'
import type { ChatUser } from './ticket_verifier.js'

/**
 * How many characters (code points) of its parent's text a reply quotes
 */
export const REPLY_EXCERPT_LENGTH = 100

/**
 * A reply's thread root (`to`, its seq) and the quoted preview of it, in the
 * root's current state: its author, the first REPLY_EXCERPT_LENGTH
 * characters of its markdown text ('' once deleted) and whether it was deleted
 */
export type ReplyOf = { to: number; parent: { user: ChatUser; text: string; deleted: boolean } }

/**
 * A thread root's replies: how many (deleted ones included, as placeholders)
 * and when the newest was written
 */
export type ThreadSummary = { count: number; lastAt: Date }

/**
 * A message answering the message with seq `replyTo` of the same room
 */
export type NewReply = NewMessage & { replyTo: number }

/**
 * A thread: its root message (with its ThreadSummary) and a page of its
 * replies, ascending by seq; `hasMore`: older replies exist
 */
export type RepliesPage = { root: StoredMessage; messages: StoredMessage[]; hasMore: boolean }

/**
 * The start of a text as a reply quotes it: its first REPLY_EXCERPT_LENGTH
 * code points (PostgreSQL's `left()` counts the same way)
 */
export function replyExcerpt(text: string) {
  return Array.from(text).slice(0, REPLY_EXCERPT_LENGTH).join('')
}

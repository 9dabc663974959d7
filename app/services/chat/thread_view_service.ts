import db from '@adonisjs/lucid/services/db'
import { parentsOf, threadsOf, type ReplyOf, type ThreadSummary } from '#chat/index'

/**
 * A message as its thread views need it: its seq and the seq of its thread's root
 */
type ThreadMember = { seq: number; replyTo: number | null }

/**
 * The quotes and thread summaries of a page's messages, and each message's own
 */
export interface ThreadViews {
  quotes: Map<number, ReplyOf>
  quoteOf: (message: ThreadMember) => ReplyOf | null
  threadOf: (message: ThreadMember) => ThreadSummary | null
}

/**
 * What the room page's rows need about replies: each reply's quote of its
 * root (partials/reply_quote.edge) and each root's replies so far
 * (partials/thread_link.edge)
 */
export default class ThreadViewService {
  /**
   * Looks both up for `messages` of room `roomId` (two queries) and answers
   * them per message
   */
  async forMessages(roomId: number, messages: ThreadMember[]): Promise<ThreadViews> {
    const roots = messages.flatMap((message) => (message.replyTo ? [message.replyTo] : []))
    const quotes = await parentsOf(db, roomId, roots)
    const threads = await threadsOf(
      db,
      roomId,
      messages.map((message) => message.seq)
    )
    return {
      quotes,
      quoteOf: (message) => (message.replyTo ? (quotes.get(message.replyTo) ?? null) : null),
      threadOf: (message) => threads.get(message.seq) ?? null,
    }
  }
}

import db from '@adonisjs/lucid/services/db'
import { parentsOf, threadsOf, type ReplyOf, type ThreadSummary } from '#chat/index'
import type Message from '#models/message'

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
  async forMessages(roomId: number, messages: Message[]) {
    const roots = messages.flatMap((message) => (message.replyTo ? [message.replyTo] : []))
    const parents = await parentsOf(db, roomId, roots)
    const threads = await threadsOf(
      db,
      roomId,
      messages.map((message) => message.seq)
    )
    return {
      quoteOf: (message: Message): ReplyOf | null =>
        message.replyTo ? (parents.get(message.replyTo) ?? null) : null,
      threadOf: (message: Message): ThreadSummary | null => threads.get(message.seq) ?? null,
    }
  }
}

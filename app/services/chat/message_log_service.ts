import Message from '#models/message'
import { attachmentDetails } from '#services/attachments/attachment_details'
import db from '@adonisjs/lucid/services/db'
import { parentsOf, type StoredMessage } from '#chat/index'

/**
 * Log entries per page when the client names no limit
 */
export const DEFAULT_LOG_PAGE = 50

/**
 * Where a page of the log starts: after seq `since` (ascending, to catch
 * up) or before seq `before` (descending, to scroll back; the newest
 * entries when neither is given)
 */
export type LogCursor = { since?: number; before?: number; limit?: number }

/**
 * Reading a room's sequence log for API clients: every entry (messages,
 * edits, deletions) with its seq, in the state the log holds now
 */
export default class MessageLogService {
  /**
   * One page of room `roomId`'s log. `nextSince` (ascending pages) is the
   * `since` of the next page; `nextBefore` (descending pages) the `before`
   * of the older page, null at the start of the log.
   */
  async page(roomId: number, cursor: LogCursor) {
    const limit = cursor.limit ?? DEFAULT_LOG_PAGE
    const query = Message.query()
      .where('room_id', roomId)
      .preload('author')
      .preload('attachment')
      .limit(limit + 1)
    const ascending = cursor.since !== undefined
    if (cursor.since !== undefined) {
      query.where('seq', '>', cursor.since).orderBy('seq', 'asc')
    } else {
      query.orderBy('seq', 'desc')
      if (cursor.before !== undefined) query.where('seq', '<', cursor.before)
    }
    const rows = await query
    const hasMore = rows.length > limit
    const entries = await toLogEntries(roomId, rows.slice(0, limit))
    const last = entries.at(-1)
    if (ascending) {
      return { entries, meta: { order: 'asc', hasMore, nextSince: last?.seq ?? cursor.since! } }
    }
    return { entries, meta: { order: 'desc', hasMore, nextBefore: hasMore ? last!.seq : null } }
  }
}

/**
 * A messages row in the chat's log-entry shape (what the socket sends)
 */
function toLogEntry(row: Message): StoredMessage {
  return {
    id: row.id,
    room: row.roomId,
    seq: row.seq,
    kind: row.kind as StoredMessage['kind'],
    target: row.targetSeq,
    user: { id: row.author.id, username: row.author.username },
    text: row.body,
    html: row.bodyHtml,
    clientId: row.clientId,
    createdAt: row.createdAt.toJSDate(),
    editedAt: row.editedAt?.toJSDate() ?? null,
    deleted: row.deletedAt !== null,
    attachment: row.attachment ? attachmentDetails(row.attachment) : null,
  }
}

/**
 * The rows as log entries, each reply with its quoted parent in its current state
 */
async function toLogEntries(roomId: number, rows: Message[]): Promise<StoredMessage[]> {
  const parents = await parentsOf(
    db,
    roomId,
    rows.flatMap((row) => (row.replyTo === null ? [] : [row.replyTo]))
  )
  return rows.map((row) => {
    const reply = row.replyTo === null ? undefined : parents.get(row.replyTo)
    return reply ? { ...toLogEntry(row), reply } : toLogEntry(row)
  })
}

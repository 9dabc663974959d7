import { errors as lucidErrors } from '@adonisjs/lucid'
import Message from '#models/message'
import Attachment from '#models/attachment'
import { isRowId } from '#helpers/row_id'
import { HISTORY_KINDS } from '#chat/index'

/**
 * Messages shown per page on the room page
 */
const MESSAGES_PER_PAGE = 50

/**
 * Most entries the latest page holds to open a joined room at its first unread
 */
const UNREAD_PAGE_LIMIT = 500

/**
 * Read entries shown above the first unread one
 */
const READ_CONTEXT = 10

/**
 * Entries the latest page of a room holds for a reader who read up to
 * `lastReadSeq` of its `lastSeq`: a page's worth, or enough to reach back to
 * the first unread (with a few read ones above), up to UNREAD_PAGE_LIMIT
 */
export function latestPageLimit(lastSeq: number, lastReadSeq: number) {
  if (lastReadSeq <= 0) return MESSAGES_PER_PAGE
  const reachBack = lastSeq - lastReadSeq + READ_CONTEXT
  return Math.min(Math.max(MESSAGES_PER_PAGE, reachBack), UNREAD_PAGE_LIMIT)
}

/**
 * Messages shown on each side of the one in context
 */
const CONTEXT_MESSAGES = 20

/**
 * The columns a message needs on a page (not the search vector)
 */
const MESSAGE_COLUMNS = [
  'id',
  'room_id',
  'user_id',
  'seq',
  'kind',
  'body',
  'body_html',
  'created_at',
  'edited_at',
  'deleted_at',
  'attachment_id',
]

/**
 * The columns of a page of history: all but the search columns (`search_text`,
 * `search_vector`), which are as long as the body again and only the search reads
 */
const PAGE_COLUMNS = [
  ...MESSAGE_COLUMNS,
  'client_id',
  'target_seq',
  'pinned_at',
  'pinned_by',
  'reply_to',
]

/**
 * Reading a room's messages for its pages: the latest or older ones, and
 * one message among its neighbours
 */
export default class MessageHistoryService {
  /**
   * A page of a room's history, oldest first: its messages in their current
   * state (edits and deletions applied; the log's edit and delete entries
   * themselves are left out) and its room-setting entries (HISTORY_KINDS),
   * the newest, or those just before seq `before`; `limit` entries at most.
   * `messages`: the page's messages alone. `olderBefore` is the seq to ask
   * for the page before this one, or null at the start of the log.
   */
  async page(roomId: number, before?: number, limit = MESSAGES_PER_PAGE) {
    const query = Message.query()
      .select(PAGE_COLUMNS)
      .where('room_id', roomId)
      .whereIn('kind', [...HISTORY_KINDS])
      .preload('author')
      .orderBy('seq', 'desc')
      .limit(limit)
    if (before) {
      query.where('seq', '<', before)
    }
    const newestFirst = await query
    await preloadAttachments(newestFirst)
    const entries = newestFirst.reverse()
    const oldest = entries[0]
    return {
      entries,
      messages: entries.filter((entry) => entry.kind === 'message'),
      olderBefore: oldest && oldest.seq > 1 ? oldest.seq : null,
    }
  }

  /**
   * Message `seq` of room `roomId` in its current state with up to
   * CONTEXT_MESSAGES messages before and after it, oldest first (edit and
   * delete log entries are not messages). `earlierBefore` is the room page's
   * `before` for the messages before these, or null at the start of the room.
   * A 404 when `seq` is not a message of the room.
   */
  async around(roomId: number, seq: number) {
    if (!isRowId(seq)) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Message)
    }
    const messages = () =>
      Message.query()
        .select(MESSAGE_COLUMNS)
        .where('room_id', roomId)
        .where('kind', 'message')
        .preload('author')
        .preload('attachment')

    const target = await messages().where('seq', seq).first()
    if (!target) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Message)
    }
    const [before, after] = await Promise.all([
      messages().where('seq', '<', seq).orderBy('seq', 'desc').limit(CONTEXT_MESSAGES),
      messages().where('seq', '>', seq).orderBy('seq', 'asc').limit(CONTEXT_MESSAGES),
    ])
    const shown = [...before.reverse(), target, ...after]
    // A room's log starts with a message, so seq 1 is always one
    return { target, messages: shown, earlierBefore: shown[0].seq > 1 ? shown[0].seq : null }
  }

  /**
   * Message `seq` of room `roomId` in its current state (with its author), or null when the
   * room has no such message
   */
  async find(roomId: number, seq: number) {
    if (!isRowId(seq)) return null
    return Message.query()
      .select(MESSAGE_COLUMNS)
      .where('room_id', roomId)
      .where('kind', 'message')
      .where('seq', seq)
      .preload('author')
      .first()
  }
}

/**
 * Preloads each message's attachment (null without one) like
 * `preload('attachment')`, but asks the database only when a message has
 * one: Lucid's preload queries even then, and most pages have none
 */
async function preloadAttachments(messages: Message[]) {
  const ids = [
    ...new Set(messages.flatMap((message) => (message.attachmentId ? [message.attachmentId] : []))),
  ]
  const files = ids.length > 0 ? await Attachment.query().whereIn('id', ids) : []
  const byId = new Map(files.map((file) => [file.id, file]))
  for (const message of messages) {
    message.$setRelated('attachment', byId.get(message.attachmentId ?? 0) ?? null)
  }
}

import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type {
  ChangeResult,
  NewReply,
  RepliesPage,
  ReplyOf,
  StoredMessage,
  ThreadSummary,
} from '#chat/src/message_store'
import type { MessageRenderer } from '#chat/src/message_renderer'
import { renderWithUserMentions, saveMentions } from '#chat/adapters/lucid_message_mentions'
import {
  findByClientId,
  selectEntries,
  toStoredMessage,
  type MessageRow,
} from '#chat/adapters/lucid_message_rows'
import { reactionsOf } from '#chat/adapters/lucid_message_reactions'
import { replyExcerpt } from '#chat/src/replies'

type Db = Pick<QueryClientContract, 'from' | 'transaction' | 'rawQuery'>

/**
 * Replies in PostgreSQL: appending one (one transaction under the room's
 * row lock, like every write of a seq) and reading a thread
 */
export class LucidMessageReplies {
  constructor(
    private readonly db: Db,
    private readonly renderer: MessageRenderer
  ) {}

  /**
   * Appends `reply` as a message whose `reply_to` is its thread's root:
   * the parent's own root when the parent is a reply
   */
  async reply(reply: NewReply): Promise<ChangeResult> {
    const [rendered] = await renderWithUserMentions(this.db, this.renderer, [reply.text])
    return this.db.transaction(async (trx): Promise<ChangeResult> => {
      const head = await trx.rawQuery<{ rows: Array<{ last_seq: number }> }>(
        'SELECT last_seq FROM rooms WHERE id = ? FOR UPDATE',
        [reply.room]
      )
      if (head.rows.length === 0) return { ok: false, refusal: 'room_not_found' }
      if (reply.clientId !== null) {
        const earlier = await findByClientId(trx, { ...reply, clientId: reply.clientId })
        if (earlier) return { ok: true, entry: { ...earlier, duplicate: true } }
      }
      const parent: { seq: number; reply_to: number | null; deleted_at: Date | null } | null =
        await trx
          .from('messages')
          .where({ room_id: reply.room, seq: reply.replyTo, kind: 'message' })
          .select('seq', 'reply_to', 'deleted_at')
          .first()
      if (!parent) return { ok: false, refusal: 'reply_parent_not_found' }
      if (parent.deleted_at !== null) return { ok: false, refusal: 'reply_parent_deleted' }
      const seq = head.rows[0].last_seq + 1
      const [row]: Array<{ id: number }> = await trx
        .insertQuery()
        .table('messages')
        .insert({
          room_id: reply.room,
          user_id: reply.user.id,
          seq,
          client_id: reply.clientId,
          body: reply.text,
          body_html: rendered.html,
          attachment_id: reply.attachment?.id ?? null,
          reply_to: parent.reply_to ?? parent.seq,
          created_at: trx.raw('now()'),
        })
        .returning(['id'])
      if (rendered.mentions.length > 0) {
        await saveMentions(
          trx,
          { id: row.id, room: reply.room, seq, authorId: reply.user.id },
          rendered.mentions
        )
      }
      await trx.rawQuery('UPDATE rooms SET last_seq = ? WHERE id = ?', [seq, reply.room])
      const stored: MessageRow = await selectEntries(trx, reply.room)
        .where('messages.id', row.id)
        .firstOrFail()
      return { ok: true, entry: { ...toStoredMessage(stored), duplicate: false } }
    })
  }

  /**
   * The thread of message `seq` (of its root, for a reply): see MessageStore.readReplies
   */
  async readReplies(
    room: number,
    seq: number,
    beforeSeq: number | null,
    limit: number
  ): Promise<RepliesPage | null> {
    const named = await this.#message(room, seq)
    const rootRow = named?.reply_to ? await this.#message(room, named.reply_to) : named
    if (!rootRow) return null
    const query = selectEntries(this.db, room)
      .where('messages.reply_to', rootRow.seq)
      .orderBy('messages.seq', 'desc')
      .limit(limit + 1)
    if (beforeSeq !== null) query.where('messages.seq', '<', beforeSeq)
    const rows: MessageRow[] = await query
    const [root, ...messages] = await withReactions(this.db, [
      toStoredMessage(rootRow),
      ...rows.slice(0, limit).reverse().map(toStoredMessage),
    ])
    const threads = await threadsOf(this.db, room, [root.seq])
    const thread = threads.get(root.seq)
    return { root: thread ? { ...root, thread } : root, messages, hasMore: rows.length > limit }
  }

  async #message(room: number, seq: number): Promise<MessageRow | null> {
    return selectEntries(this.db, room)
      .where('messages.seq', seq)
      .where('messages.kind', 'message')
      .first()
  }
}

/**
 * Each message with its current reactions, as history pages carry them
 */
export async function withReactions(
  db: Pick<QueryClientContract, 'from'>,
  messages: StoredMessage[]
) {
  const reactions = await reactionsOf(
    db,
    messages.map((message) => message.id)
  )
  return messages.map((message) => ({ ...message, reactions: reactions.get(message.id) ?? [] }))
}

/**
 * The ThreadSummary of each message of `room` among `seqs` that has replies
 */
export async function threadsOf(
  db: Pick<QueryClientContract, 'from'>,
  room: number,
  seqs: number[]
): Promise<Map<number, ThreadSummary>> {
  const threads = new Map<number, ThreadSummary>()
  if (seqs.length === 0) return threads
  const rows: Array<{ reply_to: number; count: number; last_at: Date }> = await db
    .from('messages')
    .where('room_id', room)
    .whereIn('reply_to', seqs)
    .groupBy('reply_to')
    .select('reply_to')
    .count('* as count')
    .max('created_at as last_at')
  for (const row of rows) {
    threads.set(Number(row.reply_to), { count: Number(row.count), lastAt: row.last_at })
  }
  return threads
}

/**
 * How a reply to each message of `room` among `seqs` quotes it (ReplyOf)
 */
export async function parentsOf(
  db: Pick<QueryClientContract, 'from'>,
  room: number,
  seqs: number[]
): Promise<Map<number, ReplyOf>> {
  const parents = new Map<number, ReplyOf>()
  if (seqs.length === 0) return parents
  const rows: MessageRow[] = await selectEntries(db, room).whereIn('messages.seq', seqs)
  for (const parent of rows.map(toStoredMessage)) {
    parents.set(parent.seq, {
      to: parent.seq,
      parent: { user: parent.user, text: replyExcerpt(parent.text), deleted: parent.deleted },
    })
  }
  return parents
}

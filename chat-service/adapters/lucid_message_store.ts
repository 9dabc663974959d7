import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  HISTORY_KINDS,
  type AppendResult,
  type EntryFrame,
  type HistoryPage,
  type MessageEdit,
  type MessageReaction,
  type ModeratedPin,
  type ModeratedRemoval,
  type MessageStore,
  type NewMessage,
  type NewReply,
} from '#chat/src/message_store'
import type { MessageRenderer } from '#chat/src/message_renderer'
import { LucidMessageChanges, type FileRemover } from '#chat/adapters/lucid_message_changes'
import { appendBatch, mayBeOneMessagesFault } from '#chat/adapters/lucid_append_batch'
import { GroupedAppends } from '#chat/src/grouped_appends'
import { selectEntries, toStoredMessage, type MessageRow } from '#chat/adapters/lucid_message_rows'
import { streamFrames } from '#chat/adapters/lucid_message_frames'
import { reactionsOf } from '#chat/adapters/lucid_message_reactions'
import { LucidMessageReplies, threadsOf } from '#chat/adapters/lucid_message_replies'

/**
 * The Lucid database service (queries go to the global transaction when a
 * test runs one) or one of its connections
 */
type LucidDb = Pick<QueryClientContract, 'from' | 'transaction' | 'rawQuery'> &
  (
    | { connection(): Pick<QueryClientContract, 'getReadClient' | 'getWriteClient'> }
    | Pick<QueryClientContract, 'getReadClient' | 'getWriteClient'>
  )

/**
 * The knex instance a read runs on now
 */
function readClientOf(db: LucidDb) {
  return 'getReadClient' in db ? db.getReadClient() : db.connection().getReadClient()
}

/** Messages of one room written by one transaction, at most */
const MAX_APPEND_BATCH = 200

/**
 * The rooms' sequence logs in PostgreSQL, through Lucid. The only code that
 * writes messages: the seq comes from `rooms.last_seq` under its row lock,
 * so seqs are gap-free and a seq is visible only once all before it are.
 */
export class LucidMessageStore implements MessageStore {
  #changes: LucidMessageChanges
  #replies: LucidMessageReplies
  #appends: GroupedAppends<NewMessage, AppendResult | null>

  /**
   * `db`: the Lucid database service or one of its connections; `renderer`
   * turns each text into the HTML and mentions stored with it; `removeFiles`
   * deletes a deleted message's stored files after the commit (nothing to
   * delete by default)
   */
  constructor(
    private readonly db: LucidDb,
    renderer: MessageRenderer,
    removeFiles: FileRemover = async () => {}
  ) {
    this.#changes = new LucidMessageChanges(db, renderer, removeFiles)
    this.#replies = new LucidMessageReplies(db, renderer)
    this.#appends = new GroupedAppends(
      (room, messages) => appendBatch(db, renderer, room, messages),
      MAX_APPEND_BATCH,
      mayBeOneMessagesFault
    )
  }

  /**
   * Appends with group commit: see GroupedAppends and appendBatch; a batch
   * one message failed is written again one message at a time
   */
  append(message: NewMessage): Promise<AppendResult | null> {
    return this.#appends.add(message.room, message)
  }

  edit(edit: MessageEdit) {
    return this.#changes.edit(edit)
  }

  remove(removal: ModeratedRemoval) {
    return this.#changes.remove(removal)
  }

  pin(pin: ModeratedPin) {
    return this.#changes.pin(pin)
  }

  react(reaction: MessageReaction) {
    return this.#changes.react(reaction)
  }

  reply(reply: NewReply) {
    return this.#replies.reply(reply)
  }

  readReplies(room: number, root: number, beforeSeq: number | null, limit: number) {
    return this.#replies.readReplies(room, root, beforeSeq, limit)
  }

  async readAfter(room: number, afterSeq: number, limit: number) {
    const rows: MessageRow[] = await selectEntries(this.db, room)
      .where('messages.seq', '>', afterSeq)
      .orderBy('messages.seq', 'asc')
      .limit(limit)
    return rows.map(toStoredMessage)
  }

  streamFramesAfter(
    room: number,
    afterSeq: number,
    limit: number,
    onFrame: (entry: EntryFrame) => void
  ) {
    return streamFrames(readClientOf(this.db), [room, afterSeq, limit], onFrame)
  }

  async readBefore(room: number, beforeSeq: number | null, limit: number): Promise<HistoryPage> {
    const query = selectEntries(this.db, room)
      .select('messages.pinned_at')
      .whereIn('messages.kind', [...HISTORY_KINDS])
      .orderBy('messages.seq', 'desc')
      .limit(limit + 1)
    if (beforeSeq !== null) {
      query.where('messages.seq', '<', beforeSeq)
    }
    const rows: Array<MessageRow & { pinned_at: Date | null }> = await query
    const page = rows.slice(0, limit).reverse()
    const messages = page.map((row) =>
      row.kind === 'message'
        ? { ...toStoredMessage(row), pinned: row.pinned_at !== null }
        : toStoredMessage(row)
    )
    const texts = messages.filter((message) => message.kind === 'message')
    const reactions = await reactionsOf(
      this.db,
      texts.map((message) => message.id)
    )
    const threads = await threadsOf(
      this.db,
      room,
      texts.map((message) => message.seq)
    )
    return {
      messages: messages.map((message) =>
        message.kind === 'message'
          ? {
              ...message,
              reactions: reactions.get(message.id) ?? [],
              ...(threads.has(message.seq) && { thread: threads.get(message.seq) }),
            }
          : message
      ),
      hasMore: rows.length > limit,
    }
  }
}

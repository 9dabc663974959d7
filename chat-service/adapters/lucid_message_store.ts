import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type {
  AppendResult,
  EntryFrame,
  HistoryPage,
  MessageEdit,
  ModeratedPin,
  ModeratedRemoval,
  MessageStore,
  NewMessage,
} from '#chat/src/message_store'
import type { MessageRenderer } from '#chat/src/message_renderer'
import { LucidMessageChanges, type FileRemover } from '#chat/adapters/lucid_message_changes'
import { appendBatch, mayBeOneMessagesFault } from '#chat/adapters/lucid_append_batch'
import { GroupedAppends } from '#chat/src/grouped_appends'
import { selectEntries, toStoredMessage, type MessageRow } from '#chat/adapters/lucid_message_rows'
import { FRAMES_AFTER } from '#chat/adapters/lucid_message_frames'

/** Messages of one room written by one transaction, at most */
const MAX_APPEND_BATCH = 200

/**
 * The rooms' sequence logs in PostgreSQL, through Lucid. The only code that
 * writes messages: the seq comes from `rooms.last_seq` under its row lock,
 * so seqs are gap-free and a seq is visible only once all before it are.
 */
export class LucidMessageStore implements MessageStore {
  #changes: LucidMessageChanges
  #appends: GroupedAppends<NewMessage, AppendResult | null>

  /**
   * `db`: the Lucid database service or one of its connections; `renderer`
   * turns each text into the HTML and mentions stored with it; `removeFiles`
   * deletes a deleted message's stored files after the commit (nothing to
   * delete by default)
   */
  constructor(
    private readonly db: Pick<QueryClientContract, 'from' | 'transaction' | 'rawQuery'>,
    renderer: MessageRenderer,
    removeFiles: FileRemover = async () => {}
  ) {
    this.#changes = new LucidMessageChanges(db, renderer, removeFiles)
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

  async readAfter(room: number, afterSeq: number, limit: number) {
    const rows: MessageRow[] = await selectEntries(this.db, room)
      .where('messages.seq', '>', afterSeq)
      .orderBy('messages.seq', 'asc')
      .limit(limit)
    return rows.map(toStoredMessage)
  }

  async readFramesAfter(room: number, afterSeq: number, limit: number): Promise<EntryFrame[]> {
    const { rows } = await this.db.rawQuery<{ rows: EntryFrame[] }>(FRAMES_AFTER, [
      room,
      afterSeq,
      limit,
    ])
    return rows
  }

  async readBefore(room: number, beforeSeq: number | null, limit: number): Promise<HistoryPage> {
    const query = selectEntries(this.db, room)
      .where('messages.kind', 'message')
      .orderBy('messages.seq', 'desc')
      .limit(limit + 1)
    if (beforeSeq !== null) {
      query.where('messages.seq', '<', beforeSeq)
    }
    const rows: MessageRow[] = await query
    return {
      messages: rows.slice(0, limit).reverse().map(toStoredMessage),
      hasMore: rows.length > limit,
    }
  }
}

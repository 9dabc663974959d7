import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type {
  ChangeRefusal,
  ChangeResult,
  MessageEdit,
  ModeratedPin,
  ModeratedRemoval,
} from '#chat/src/message_store'
import type { MessageRenderer } from '#chat/src/message_renderer'
import { findByClientId } from '#chat/adapters/lucid_message_rows'
import { renderWithUserMentions, saveMentions } from '#chat/adapters/lucid_message_mentions'

/**
 * An edit or a deletion, as the transaction applies it
 */
type Change =
  | (MessageEdit & { kind: 'edit' })
  | (ModeratedRemoval & { kind: 'delete' })
  | (ModeratedPin & { kind: 'pin' | 'unpin' })

/**
 * The message a change targets, locked with its room
 */
type Target = { id: number; seq: number; authorId: number }

/**
 * Deletes stored files (drive keys) once the rows pointing at them are gone
 */
export type FileRemover = (keys: string[]) => Promise<void>

/**
 * Edits and deletions as entries of the room's sequence log. Each runs in one
 * transaction that locks the room row first, like an append, so the entry
 * gets the next seq, a client_id is used once, and two changes of one
 * message never interleave. A deleted message's attachment row goes in that
 * transaction, its files after the commit (`removeFiles`).
 */
export class LucidMessageChanges {
  constructor(
    private readonly db: Pick<QueryClientContract, 'transaction'>,
    private readonly renderer: MessageRenderer,
    private readonly removeFiles: FileRemover
  ) {}

  /**
   * A new text for a message; only its author may
   */
  edit(edit: MessageEdit) {
    return this.#change({ ...edit, kind: 'edit' })
  }

  /**
   * Deletes a message; its author may, or a moderator of the room (the
   * chat node asks RoomAccess.mayModerate)
   */
  async remove(removal: ModeratedRemoval) {
    const released: string[] = []
    const result = await this.#change({ ...removal, kind: 'delete' }, released)
    if (released.length > 0) {
      await this.removeFiles(released)
    }
    return result
  }

  /**
   * Pins or unpins a message; only whoever moderates the room may
   */
  pin(pin: ModeratedPin) {
    return this.#change({ ...pin, kind: pin.pinned ? 'pin' : 'unpin' })
  }

  #change(change: Change, released: string[] = []): Promise<ChangeResult> {
    return this.db.transaction(async (trx) => {
      const room = await trx.from('rooms').select('id').where('id', change.room).forUpdate().first()
      if (!room) {
        return refuse('room_not_found')
      }
      if (change.clientId !== null) {
        const existing = await findByClientId(trx, { ...change, clientId: change.clientId })
        if (existing) {
          return { ok: true as const, entry: { ...existing, duplicate: true } }
        }
      }
      const message = await trx
        .from('messages')
        .select('id', 'user_id', 'deleted_at', 'pinned_at', 'attachment_id')
        .where({ room_id: change.room, seq: change.target, kind: 'message' })
        .first()
      if (!message) {
        return refuse('message_not_found')
      }
      if (message.deleted_at !== null) {
        return refuse('message_deleted')
      }
      const target = { id: message.id, seq: change.target, authorId: message.user_id }
      if (change.kind === 'pin' || change.kind === 'unpin') {
        if (!change.asModerator) return refuse('forbidden')
        if ((message.pinned_at !== null) === change.pinned) {
          return refuse(change.pinned ? 'already_pinned' : 'not_pinned')
        }
        return this.#applyPin(trx, change, target)
      }
      const mayChange =
        message.user_id === change.user.id || (change.kind === 'delete' && change.asModerator)
      if (!mayChange) {
        return refuse('forbidden')
      }
      if (change.kind === 'edit') {
        return this.#applyEdit(trx, change, target)
      }
      if (message.attachment_id !== null) {
        released.push(...(await deleteAttachment(trx, message.attachment_id)))
      }
      return this.#applyRemoval(trx, change, target)
    })
  }

  async #applyEdit(trx: TransactionClientContract, edit: MessageEdit, target: Target) {
    const [{ html, mentions }] = await renderWithUserMentions(trx, this.renderer, [edit.text])
    await trx
      .from('messages')
      .where('id', target.id)
      .update({ body: edit.text, body_html: html, edited_at: trx.raw('now()') })
    await saveMentions(trx, { ...target, room: edit.room }, mentions)
    return appendEntry(trx, { ...edit, kind: 'edit', text: edit.text, html })
  }

  async #applyPin(
    trx: TransactionClientContract,
    pin: ModeratedPin & { kind: 'pin' | 'unpin' },
    target: Target
  ) {
    await trx
      .from('messages')
      .where('id', target.id)
      .update(
        pin.pinned
          ? { pinned_at: trx.raw('now()'), pinned_by: pin.user.id }
          : { pinned_at: null, pinned_by: null }
      )
    return appendEntry(trx, { ...pin, text: '', html: '' })
  }

  async #applyRemoval(trx: TransactionClientContract, removal: ModeratedRemoval, target: Target) {
    const blanked = { body: '', body_html: '', deleted_at: trx.raw('now()') }
    await trx
      .from('messages')
      .where('id', target.id)
      .update({ ...blanked, pinned_at: null, pinned_by: null })
    await trx
      .from('messages')
      .where({ room_id: removal.room, target_seq: target.seq, kind: 'edit' })
      .update(blanked)
    await saveMentions(trx, { ...target, room: removal.room }, [])
    return appendEntry(trx, { ...removal, kind: 'delete', text: '', html: '' })
  }
}

/**
 * Deletes an attachment row (its message's pointer clears itself: ON DELETE
 * SET NULL); the drive keys of its files
 */
async function deleteAttachment(trx: TransactionClientContract, id: number) {
  const rows: Array<{ disk_key: string; thumbnail_key: string | null }> = await trx
    .from('attachments')
    .where('id', id)
    .delete()
    .returning(['disk_key', 'thumbnail_key'])
  return rows.flatMap((row) => [row.disk_key, ...(row.thumbnail_key ? [row.thumbnail_key] : [])])
}

/**
 * Writes the entry with the room's next seq
 */
async function appendEntry(
  trx: TransactionClientContract,
  entry: Omit<MessageEdit, 'text'> & {
    kind: 'edit' | 'delete' | 'pin' | 'unpin'
    text: string
    html: string
  }
): Promise<ChangeResult> {
  const head = await trx.rawQuery<{ rows: Array<{ last_seq: number }> }>(
    'UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
    [entry.room]
  )
  const seq = head.rows[0].last_seq
  const now = trx.raw('now()')
  const [row] = await trx
    .insertQuery()
    .table('messages')
    .insert({
      room_id: entry.room,
      user_id: entry.user.id,
      seq,
      kind: entry.kind,
      target_seq: entry.target,
      client_id: entry.clientId,
      body: entry.text,
      body_html: entry.html,
      created_at: now,
      edited_at: entry.kind === 'edit' ? now : null,
      deleted_at: entry.kind === 'delete' ? now : null,
    })
    .returning(['id', 'created_at', 'edited_at'])
  return {
    ok: true,
    entry: {
      id: row.id,
      room: entry.room,
      seq,
      kind: entry.kind,
      target: entry.target,
      user: entry.user,
      text: entry.text,
      html: entry.html,
      clientId: entry.clientId,
      createdAt: row.created_at,
      editedAt: row.edited_at,
      deleted: entry.kind === 'delete',
      attachment: null,
      duplicate: false,
    },
  }
}

function refuse(refusal: ChangeRefusal): ChangeResult {
  return { ok: false, refusal }
}

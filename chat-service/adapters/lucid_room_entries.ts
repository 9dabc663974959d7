import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { AppendResult, RoomSettingKind } from '#chat/src/message_store'
import type { ChatUser } from '#chat/src/ticket_verifier'

/**
 * A change of a room's settings to log: `text` is the new value (see
 * RoomSettingKind)
 */
export type RoomEntry = { room: number; user: ChatUser; kind: RoomSettingKind; text: string }

/**
 * Appends a room-setting entry with the room's next seq, inside the
 * caller's transaction, which has locked the room row (`FOR UPDATE`) and
 * changes the setting itself: the change and its entry commit together.
 * Fan it out after the commit (ChatNode.announce).
 */
export async function appendRoomEntry(
  trx: TransactionClientContract,
  entry: RoomEntry
): Promise<AppendResult> {
  const head = await trx.rawQuery<{ rows: Array<{ last_seq: number }> }>(
    'UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
    [entry.room]
  )
  const seq = head.rows[0].last_seq
  const [row] = await trx
    .insertQuery()
    .table('messages')
    .insert({
      room_id: entry.room,
      user_id: entry.user.id,
      seq,
      kind: entry.kind,
      target_seq: null,
      client_id: null,
      body: entry.text,
      body_html: '',
      created_at: trx.raw('now()'),
    })
    .returning(['id', 'created_at'])
  return {
    id: row.id,
    room: entry.room,
    seq,
    kind: entry.kind,
    target: null,
    user: entry.user,
    text: entry.text,
    html: '',
    clientId: null,
    createdAt: row.created_at,
    editedAt: null,
    deleted: false,
    attachment: null,
    duplicate: false,
  }
}

import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Replaces the mentions of a message (kind `message`) with the users named
 * in `usernames` (lower-cased), inside the transaction that writes it.
 * Unknown names, the author and, in a private room, non-members are skipped.
 */
export async function saveMentions(
  trx: TransactionClientContract,
  message: { id: number; room: number; seq: number; authorId: number },
  usernames: string[]
) {
  await trx.from('message_mentions').where('message_id', message.id).delete()
  if (usernames.length === 0) {
    return
  }
  await trx.rawQuery(
    `INSERT INTO message_mentions (message_id, user_id, room_id, seq)
     SELECT ?, users.id, rooms.id, ?
     FROM users JOIN rooms ON rooms.id = ?
     WHERE lower(users.username) = ANY(?::text[])
       AND users.id <> ?
       AND (rooms.visibility = 'public' OR EXISTS (
         SELECT 1 FROM room_members
         WHERE room_members.room_id = rooms.id AND room_members.user_id = users.id))`,
    [message.id, message.seq, message.room, usernames, message.authorId]
  )
}

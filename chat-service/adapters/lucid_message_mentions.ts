import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { MessageRenderer, RenderedMessage } from '#chat/src/message_renderer'

/**
 * Renders each text; `@name` stays a mention (markup and notification) only
 * when a user has that name, so `@nobody` is plain text. One lookup for all
 * the names, and a second render only of texts naming someone unknown.
 */
export async function renderWithUserMentions(
  db: Pick<QueryClientContract, 'rawQuery'>,
  renderer: MessageRenderer,
  texts: string[]
): Promise<RenderedMessage[]> {
  const rendered = texts.map((text) => renderer.render(text))
  const names = [...new Set(rendered.flatMap((entry) => entry.mentions))]
  if (names.length === 0) {
    return rendered
  }
  const { rows } = await db.rawQuery<{ rows: Array<{ name: string }> }>(
    'SELECT lower(username) AS name FROM users WHERE lower(username) = ANY(?::text[])',
    [names]
  )
  const users = new Set(rows.map((row) => row.name))
  const isUser = (name: string) => users.has(name)
  return rendered.map((entry, index) =>
    entry.mentions.every(isUser) ? entry : renderer.render(texts[index], isUser)
  )
}

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

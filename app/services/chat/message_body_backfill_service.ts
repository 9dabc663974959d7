import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { MarkdownMessageRenderer } from '#chat/index'
import { roomRowsRewritten } from '#services/chat/message_page_cache'

/**
 * Messages per batch
 */
const BATCH_SIZE = 500

/**
 * Renders messages stored with an empty `body_html` (written before markdown)
 * with the chat's renderer, in batches by id, and records their mentions like
 * a new message would (known users other than the author; in a private room,
 * members only). Only rows still empty are touched, so it is safe to run again. The
 * rewrite appends nothing to the rooms' logs: each batch moves its rooms' version for the
 * room page's cache (roomRowsRewritten).
 */
export default class MessageBodyBackfillService {
  readonly #renderer = new MarkdownMessageRenderer()

  /**
   * Renders every unrendered live message; returns how many there were
   */
  async run() {
    const client = db.connection()
    let lastId = 0
    let rendered = 0
    for (;;) {
      const rows: { id: string; room_id: number; body: string }[] = await client
        .from('messages')
        .select('id', 'room_id', 'body')
        .where('kind', 'message')
        .where('body_html', '')
        .whereNull('deleted_at')
        .where('id', '>', lastId)
        .orderBy('id')
        .limit(BATCH_SIZE)
      if (rows.length === 0) break
      lastId = Number(rows[rows.length - 1].id)
      await saveBatch(
        client,
        rows.map((row) => ({ id: row.id, ...this.#renderer.render(row.body) }))
      )
      await roomRowsRewritten(client, [...new Set(rows.map((row) => row.room_id))])
      rendered += rows.length
    }
    return rendered
  }
}

/**
 * Stores the HTML of a batch of messages and inserts their mentions
 */
async function saveBatch(
  client: QueryClientContract,
  rendered: { id: string; html: string; mentions: string[] }[]
) {
  await client.rawQuery(
    `UPDATE messages SET body_html = batch.html
     FROM unnest(?::bigint[], ?::text[]) AS batch(id, html)
     WHERE messages.id = batch.id`,
    [rendered.map((row) => row.id), rendered.map((row) => row.html)]
  )
  const pairs = rendered.flatMap((row) => row.mentions.map((name) => [row.id, name]))
  if (pairs.length === 0) return
  await client.rawQuery(
    `INSERT INTO message_mentions (message_id, user_id, room_id, seq)
     SELECT messages.id, users.id, messages.room_id, messages.seq
     FROM unnest(?::bigint[], ?::text[]) AS mention(message_id, username)
     JOIN messages ON messages.id = mention.message_id
     JOIN rooms ON rooms.id = messages.room_id
     JOIN users ON lower(users.username) = mention.username
     WHERE users.id <> messages.user_id
       AND (rooms.visibility = 'public' OR EXISTS (
         SELECT 1 FROM room_members
         WHERE room_members.room_id = rooms.id AND room_members.user_id = users.id))
     ON CONFLICT DO NOTHING`,
    [pairs.map(([id]) => id), pairs.map(([, name]) => name)]
  )
}

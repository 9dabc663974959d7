import type pg from 'pg'

/**
 * The store's append as bare SQL on a pg pool: the same transaction
 * LucidMessageStore runs (bump rooms.last_seq under its row lock, insert the
 * message, commit), without the app around it. The ceiling for persistence.
 */
export async function rawSqlAppend(
  pool: pg.Pool,
  message: { room: number; userId: number; clientId: string; text: string }
) {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const head = await client.query<{ last_seq: string }>(
      'UPDATE rooms SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq',
      [message.room]
    )
    await client.query(
      `INSERT INTO messages (room_id, user_id, seq, client_id, body, created_at)
       VALUES ($1, $2, $3, $4, $5, now()) RETURNING id, created_at`,
      [message.room, message.userId, head.rows[0].last_seq, message.clientId, message.text]
    )
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}

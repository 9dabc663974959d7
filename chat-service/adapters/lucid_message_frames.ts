import pg from 'pg'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { EntryFrame } from '#chat/src/message_store'
import { REPLY_EXCERPT_LENGTH } from '#chat/src/replies'

/**
 * An ISO 8601 UTC timestamp with milliseconds, as `Date#toISOString` writes
 * it (both cut microseconds off)
 */
const isoTime = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`

/**
 * A reply's frame: `frame` (its JSON text) with `reply_to` and `parent`
 * appended as the last keys, where `serverFrames.message` puts them (the
 * root's author as the `user` of every frame: display name and avatar only when set)
 */
const withReplyFields = (frame: string) => `left(${frame}, -1)
  || ',"reply_to":' || messages.reply_to || ',"parent":' || (
    SELECT row_to_json(quote) FROM (
      SELECT (
        SELECT json_strip_nulls(row_to_json(person)) FROM (
          SELECT parent.user_id AS id, parent_user.username,
            NULLIF(parent_user.display_name, '') AS display_name,
            NULLIF(parent_user.avatar_key, '') AS avatar
        ) person
      ) AS "user",
        left(parent.body, ${REPLY_EXCERPT_LENGTH}) AS text, parent.deleted_at IS NOT NULL AS deleted
    ) quote
  )::text || '}'`

/**
 * Up to `limit` entries of a room after a seq, each as its `message` frame
 * serialised by PostgreSQL with the keys, order and compact form
 * `serverFrames.message` writes (`row_to_json`: no spaces, unlike
 * `json_build_object`; a person's display name and avatar only when set;
 * the message's attachment or null; a reply's `reply_to` and `parent`), so a
 * replay reads one text column per entry and sends it as is. Each author's
 * JSON is built once per page (the `authors` CTE, joined by hash whatever
 * the table statistics say; building it for every row was a quarter of the
 * query's time). Parameters: $1 room, $2 after seq, $3 limit.
 * `tests/functional/chat/replay_frames.spec.ts` holds the two encodings equal.
 */
export const FRAMES_AFTER = `
  WITH page AS MATERIALIZED (
    SELECT * FROM messages
    WHERE messages.room_id = $1 AND messages.seq > $2
    ORDER BY messages.seq
    LIMIT $3
  ), authors AS MATERIALIZED (
    SELECT users.id, json_strip_nulls(row_to_json(author)) AS json
    FROM users
    CROSS JOIN LATERAL (
      SELECT users.id, users.username,
        NULLIF(users.display_name, '') AS display_name, NULLIF(users.avatar_key, '') AS avatar
    ) author
    WHERE users.id IN (SELECT user_id FROM page)
  )
  SELECT messages.seq, CASE WHEN messages.reply_to IS NULL THEN row_to_json(frame)::text
    ELSE ${withReplyFields('row_to_json(frame)::text')} END AS frame
  FROM page messages
  JOIN authors ON authors.id = messages.user_id
  LEFT JOIN attachments ON attachments.id = messages.attachment_id
  LEFT JOIN messages parent ON parent.room_id = messages.room_id AND parent.seq = messages.reply_to
  LEFT JOIN users parent_user ON parent_user.id = parent.user_id
  CROSS JOIN LATERAL (
    SELECT
      'message' AS type,
      messages.room_id AS room,
      messages.seq,
      messages.id,
      authors.json AS "user",
      messages.kind,
      messages.target_seq AS target,
      messages.body AS text,
      messages.body_html AS html,
      messages.client_id,
      ${isoTime('messages.created_at')} AS created_at,
      ${isoTime('messages.edited_at')} AS edited_at,
      messages.deleted_at IS NOT NULL AS deleted,
      CASE WHEN attachments.id IS NOT NULL THEN (
        SELECT row_to_json(file) FROM (
          SELECT attachments.id, attachments.name, attachments.mime_type AS type, attachments.size,
            attachments.width, attachments.height, attachments.thumbnail_key IS NOT NULL AS thumbnail
        ) file
      ) END AS attachment
  ) frame
  ORDER BY messages.seq`

/**
 * Runs FRAMES_AFTER on a connection of `knex` (the transaction's own inside
 * one) and calls `onFrame` with each row as the driver parses it, so the
 * first frames reach the socket while PostgreSQL still writes the last
 */
export async function streamFrames(
  knex: ReturnType<QueryClientContract['getReadClient']>,
  bindings: [room: number, afterSeq: number, limit: number],
  onFrame: (entry: EntryFrame) => void
) {
  const connection: pg.Client = await knex.client.acquireConnection()
  try {
    await new Promise<void>((resolve, reject) => {
      const query = connection.query(new pg.Query({ text: FRAMES_AFTER, values: bindings }))
      query.on('row', (row: { seq: string; frame: string }) =>
        onFrame({ seq: Number(row.seq), frame: row.frame })
      )
      query.on('error', reject)
      query.on('end', () => resolve())
    })
  } finally {
    await knex.client.releaseConnection(connection)
  }
}

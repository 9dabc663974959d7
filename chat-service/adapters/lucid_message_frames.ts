import pg from 'pg'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { EntryFrame } from '#chat/src/message_store'
import { REPLY_EXCERPT_LENGTH } from '#chat/src/replies'
import { withPooledConnection } from '#chat/adapters/lucid_prepared_query'

/**
 * A timestamp as UTC wall-clock time, in PostgreSQL's own text output
 * (`2026-12-07 02:29:24.066241`, the fraction without trailing zeros):
 * `isoTime` makes the ISO 8601 form from it. `to_char` with a pattern costs
 * PostgreSQL about twice as much per row.
 */
const utcTime = (column: string) => `${column} AT TIME ZONE 'UTC'`

/**
 * A reply's `reply_to` and `parent` keys, as `serverFrames.message` writes
 * them (the root's author display name and avatar only when set), built by
 * PostgreSQL for replies only
 */
const REPLY_FIELDS = `',"reply_to":' || messages.reply_to || ',"parent":' || (
    SELECT row_to_json(quote) FROM (
      SELECT json_strip_nulls(row_to_json((
        SELECT person FROM (
          SELECT parent_user.id, parent_user.username,
            NULLIF(parent_user.display_name, '') AS display_name,
            NULLIF(parent_user.avatar_key, '') AS avatar
        ) person
      ))) AS "user",
        left(parent.body, ${REPLY_EXCERPT_LENGTH}) AS text, parent.deleted_at IS NOT NULL AS deleted
      FROM messages parent
      JOIN users parent_user ON parent_user.id = parent.user_id
      WHERE parent.room_id = messages.room_id AND parent.seq = messages.reply_to
    ) quote
  )::text`

/**
 * Up to `limit` entries of a room after a seq: the bare columns of each
 * entry's `message` frame and of its author (in the order `messageFrame`
 * reads them), and — for the few that have them (the others skip the
 * lookup) — its attachment and reply keys as JSON text. Everything but
 * the entries is looked up per entry by primary key (a subquery, or a
 * lateral one kept apart by `OFFSET 0`, never a hash or merge join), so no
 * hash holds the first row back until the last is read and the rows
 * stream to the socket as PostgreSQL reads them; the entries come along
 * the `(room_id, seq)` index in the named statement's generic plan (a
 * custom plan may bitmap-scan and sort one page first). Parameters: $1
 * room, $2 after seq, $3 limit.
 */
export const FRAMES_AFTER = `
  SELECT messages.seq, messages.id, messages.user_id,
    author.username, author.display_name, author.avatar_key,
    messages.kind, messages.target_seq, messages.body, messages.body_html, messages.client_id,
    ${utcTime('messages.created_at')}, ${utcTime('messages.edited_at')},
    messages.deleted_at IS NOT NULL,
    CASE WHEN messages.attachment_id IS NOT NULL THEN (
      SELECT row_to_json(file) FROM (
        SELECT attachments.id, attachments.name, attachments.mime_type AS type, attachments.size,
          attachments.width, attachments.height, attachments.thumbnail_key IS NOT NULL AS thumbnail
        FROM attachments WHERE attachments.id = messages.attachment_id
      ) file
    )::text END,
    CASE WHEN messages.reply_to IS NOT NULL THEN ${REPLY_FIELDS} END
  FROM (
    SELECT * FROM messages
    WHERE messages.room_id = $1 AND messages.seq > $2
    ORDER BY messages.seq
    LIMIT $3
  ) messages
  CROSS JOIN LATERAL (
    SELECT users.username, users.display_name, users.avatar_key
    FROM users WHERE users.id = messages.user_id
    OFFSET 0
  ) author
  ORDER BY messages.seq`

/** A FRAMES_AFTER row: every column as PostgreSQL's text, null as null */
type FrameRow = (string | null)[]

/** Keeps every column as PostgreSQL sent it: the frame is built from the text */
const AS_TEXT = { getTypeParser: () => (value: string) => value }

const json = JSON.stringify

/**
 * The `message` frame of a FRAMES_AFTER row in room `room`, byte for byte
 * what `serverFrames.message` writes for the entry (same keys, order and
 * compact form; `tests/functional/chat/replay_frames.spec.ts` holds the two
 * equal), built as text: no Date, object or row parsing per entry. Each
 * author's JSON is made once per page (`authors`).
 */
function messageFrame(room: number, row: FrameRow, authors: Map<string, string>) {
  const [seq, id, userId, username, displayName, avatar, kind, target, text, html] = row
  const [clientId, createdAt, editedAt, deleted, attachment, reply] = row.slice(10)
  let user = authors.get(userId!)
  if (user === undefined) {
    user = personJson(userId!, username!, displayName, avatar)
    authors.set(userId!, user)
  }
  return (
    `{"type":"message","room":${room},"seq":${seq},"id":${id},"user":${user},` +
    `"kind":${json(kind)},"target":${target ?? 'null'},"text":${json(text)},` +
    `"html":${json(html)},"client_id":${clientId === null ? 'null' : json(clientId)},` +
    `"created_at":"${isoTime(createdAt!)}",` +
    `"edited_at":${editedAt === null ? 'null' : `"${isoTime(editedAt)}"`},` +
    `"deleted":${deleted === 't'},"attachment":${attachment ?? 'null'}${reply ?? ''}}`
  )
}

/**
 * The ISO 8601 form `Date#toISOString` writes (milliseconds, microseconds
 * cut off) of a `utcTime` column. PostgreSQL writes it in the ISO style,
 * the only DateStyle the app reads timestamps in (`pg-types`).
 */
function isoTime(utc: string) {
  return `${utc.slice(0, 10)}T${utc.slice(11, 19)}.${utc.slice(20, 23).padEnd(3, '0')}Z`
}

/**
 * A person as `serverFrames` writes them: display name and avatar only when set
 */
function personJson(
  id: string,
  username: string,
  displayName: string | null,
  avatar: string | null
) {
  return (
    `{"id":${id},"username":${json(username)}` +
    (displayName ? `,"display_name":${json(displayName)}` : '') +
    (avatar ? `,"avatar":${json(avatar)}` : '') +
    '}'
  )
}

/**
 * Runs FRAMES_AFTER on a connection of `knex` (the transaction's own inside
 * one) and calls `onFrame` with each entry's frame as the driver reads its
 * row, so the first frames reach the socket while PostgreSQL still reads
 * the last
 */
export async function streamFrames(
  knex: ReturnType<QueryClientContract['getReadClient']>,
  bindings: [room: number, afterSeq: number, limit: number],
  onFrame: (entry: EntryFrame) => void
) {
  const room = bindings[0]
  const authors = new Map<string, string>()
  await withPooledConnection(
    knex,
    (connection) =>
      new Promise<void>((resolve, reject) => {
        const config: pg.QueryArrayConfig = {
          // Named: parsed once per pooled connection, and after five runs PostgreSQL
          // keeps its generic plan (the index scan along (room_id, seq)) instead of
          // planning every page (a page waited ~13 ms for its first row unnamed)
          name: 'roomchat_frames_after',
          text: FRAMES_AFTER,
          values: bindings,
          rowMode: 'array',
          types: AS_TEXT,
        }
        const query = connection.query(new pg.Query(config))
        query.on('row', (row: FrameRow) =>
          onFrame({ seq: Number(row[0]), frame: messageFrame(room, row, authors) })
        )
        query.on('error', reject)
        query.on('end', () => resolve())
      })
  )
}

import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { AppendResult, NewMessage } from '#chat/src/message_store'
import type { MessageRenderer } from '#chat/src/message_renderer'
import { renderWithUserMentions, saveMentions } from '#chat/adapters/lucid_message_mentions'
import { runPrepared, type PreparedQueryDb } from '#chat/adapters/lucid_prepared_query'
import { selectEntries, toStoredMessage, type MessageRow } from '#chat/adapters/lucid_message_rows'

type Fresh = { index: number; message: NewMessage; seq: number; html: string; mentions: string[] }
type Rendered = { html: string; mentions: string[] }

const IDEMPOTENCY_CONSTRAINT = 'messages_room_id_user_id_client_id_unique'
const UNIQUE_VIOLATION = '23505'

/**
 * One statement that moves the room's head by the batch size and inserts
 * the batch with consecutive seqs after the old head (one round trip, one
 * commit). Empty when the room is gone; fails as a whole on a reused
 * client_id. Named, so each connection plans it once: planning this CTE
 * cost PostgreSQL ~300 µs a batch, more than inserting ten rows.
 */
const APPEND_STATEMENT = {
  name: 'roomchat_append_batch',
  text: `
    WITH head AS (
      UPDATE rooms SET last_seq = last_seq + cardinality($2::int[]) WHERE id = $1
      RETURNING last_seq - cardinality($2::int[]) AS base
    ), inserted AS (
      INSERT INTO messages (room_id, user_id, seq, client_id, body, body_html, attachment_id, created_at)
      SELECT $1, entry.user_id, head.base + entry.position, entry.client_id, entry.body,
        entry.body_html, entry.attachment_id, now()
      FROM head, unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::int[])
        WITH ORDINALITY AS entry(user_id, client_id, body, body_html, attachment_id, position)
      RETURNING id, seq, created_at
    )
    SELECT id, seq, created_at FROM inserted ORDER BY seq`,
}

/**
 * The Lucid database service or one of its connections
 */
type AppendDb = Pick<QueryClientContract, 'transaction' | 'rawQuery'> & PreparedQueryDb

/**
 * Appends messages of one room with one commit. The common case — no
 * mentions to record, no client_id reused — is a single statement; a batch
 * with mentions, or one the single statement refused for a reused
 * client_id, goes through `appendInTransaction`.
 */
export async function appendBatch(
  db: AppendDb,
  renderer: MessageRenderer,
  room: number,
  messages: NewMessage[]
): Promise<Array<AppendResult | null>> {
  const rendered = await renderWithUserMentions(
    db,
    renderer,
    messages.map((message) => message.text)
  )
  if (rendered.some((entry) => entry.mentions.length > 0)) {
    return appendInTransaction(db, room, messages, rendered)
  }
  try {
    const result = await runPrepared<{ id: number; seq: number; created_at: Date }>(db, {
      ...APPEND_STATEMENT,
      values: [
        room,
        messages.map((message) => message.user.id),
        // null client ids stay NULL in the text[] array
        messages.map((message) => message.clientId),
        messages.map((message) => message.text),
        rendered.map((entry) => entry.html),
        // null attachment ids stay NULL in the int[] array
        messages.map((message) => message.attachment?.id ?? null),
      ],
    })
    if (result.rows.length === 0) {
      return messages.map(() => null)
    }
    return result.rows.map((row, index) =>
      toAppendResult({ index, message: messages[index], seq: row.seq, ...rendered[index] }, row)
    )
  } catch (error) {
    if (!isIdempotencyViolation(error)) {
      throw error
    }
    return appendInTransaction(db, room, messages, rendered)
  }
}

/**
 * Appends messages of one room in one transaction: the room row is locked,
 * resends of a stored (user, client_id) — or repeated within the batch —
 * are answered with the stored entry, the rest get consecutive seqs in one
 * multi-row INSERT with their mentions, and `last_seq` moves once. One
 * result per message, in order; all null when the room is gone.
 */
function appendInTransaction(
  db: Pick<QueryClientContract, 'transaction'>,
  room: number,
  messages: NewMessage[],
  rendered: Rendered[]
): Promise<Array<AppendResult | null>> {
  return db.transaction(async (trx) => {
    const head = await trx.rawQuery<{ rows: Array<{ last_seq: number }> }>(
      'SELECT last_seq FROM rooms WHERE id = ? FOR UPDATE',
      [room]
    )
    if (head.rows.length === 0) {
      return messages.map(() => null)
    }
    const stored = await storedResends(trx, room, messages)
    const results: Array<AppendResult | null> = []
    const firstInBatch = new Map<string, number>()
    const fresh: Fresh[] = []
    let seq = head.rows[0].last_seq
    messages.forEach((message, index) => {
      const key = idempotencyKey(message)
      const earlier = key === null ? undefined : stored.get(key)
      if (earlier) {
        results[index] = { ...earlier, duplicate: true }
      } else if (key !== null && firstInBatch.has(key)) {
        results[index] = null // filled in once the first one is written
      } else {
        seq += 1
        fresh.push({ index, message, seq, ...rendered[index] })
        if (key !== null) firstInBatch.set(key, index)
      }
    })
    if (fresh.length > 0) {
      const rows: Array<{ id: number; seq: number; created_at: Date }> = await trx
        .insertQuery()
        .table('messages')
        .multiInsert(
          fresh.map(({ message, seq: entrySeq, html }) => ({
            room_id: room,
            user_id: message.user.id,
            seq: entrySeq,
            client_id: message.clientId,
            body: message.text,
            body_html: html,
            attachment_id: message.attachment?.id ?? null,
            created_at: trx.raw('now()'),
          }))
        )
        .returning(['id', 'seq', 'created_at'])
      const bySeq = new Map(rows.map((row) => [row.seq, row]))
      for (const entry of fresh) {
        const row = bySeq.get(entry.seq)!
        results[entry.index] = toAppendResult(entry, row)
        if (entry.mentions.length > 0) {
          await saveMentions(
            trx,
            { id: row.id, room, seq: entry.seq, authorId: entry.message.user.id },
            entry.mentions
          )
        }
      }
      await trx.rawQuery('UPDATE rooms SET last_seq = ? WHERE id = ?', [seq, room])
    }
    messages.forEach((message, index) => {
      const key = idempotencyKey(message)
      const first = key === null ? undefined : firstInBatch.get(key)
      if (first !== undefined && first !== index) {
        results[index] = { ...results[first]!, duplicate: true }
      }
    })
    return results
  })
}

/**
 * The entries already stored under the batch's (user, client_id) pairs
 */
async function storedResends(
  trx: Parameters<typeof selectEntries>[0],
  room: number,
  messages: NewMessage[]
) {
  const keyed = messages.filter(
    (message): message is NewMessage & { clientId: string } => message.clientId !== null
  )
  const stored = new Map<string, AppendResult>()
  if (keyed.length === 0) {
    return stored
  }
  const rows: MessageRow[] = await selectEntries(trx, room).whereRaw(
    `(messages.user_id, messages.client_id) IN (${keyed.map(() => '(?, ?)').join(', ')})`,
    keyed.flatMap((message) => [message.user.id, message.clientId])
  )
  for (const row of rows) {
    stored.set(keyOf(row.user_id, row.client_id!), { ...toStoredMessage(row), duplicate: true })
  }
  return stored
}

function idempotencyKey(message: NewMessage) {
  return message.clientId === null ? null : keyOf(message.user.id, message.clientId)
}

/**
 * A (user, client_id) pair as PostgreSQL compares it: a lone surrogate is
 * stored as U+FFFD, so the incoming id is compared in that form too (else a
 * resend would miss its row and fail the batch on the unique key)
 */
function keyOf(userId: number, clientId: string) {
  return `${userId}\0${clientId.toWellFormed()}`
}

function toAppendResult(entry: Fresh, row: { id: number; created_at: Date }): AppendResult {
  return {
    id: row.id,
    room: entry.message.room,
    seq: entry.seq,
    kind: 'message',
    target: null,
    user: entry.message.user,
    text: entry.message.text,
    html: entry.html,
    clientId: entry.message.clientId,
    createdAt: row.created_at,
    editedAt: null,
    deleted: false,
    attachment: entry.message.attachment ?? null,
    duplicate: false,
  }
}

/**
 * Whether a failed batch may be one message's fault: not when the connection
 * to PostgreSQL failed (a socket error, a pool timeout, a connection-class
 * SQLSTATE or a server shutting down), where writing each message alone
 * would only repeat the failure once per message
 */
export function mayBeOneMessagesFault(error: unknown) {
  const failure = error as { code?: unknown; name?: unknown; message?: unknown }
  const code = typeof failure.code === 'string' ? failure.code : ''
  return !(
    /^E[A-Z]+$/.test(code) ||
    code.startsWith('08') ||
    code.startsWith('57P') ||
    failure.name === 'KnexTimeoutError' ||
    (typeof failure.message === 'string' && failure.message.startsWith('Connection terminated'))
  )
}

function isIdempotencyViolation(error: unknown) {
  const failure = error as { code?: string; constraint?: string }
  return failure.code === UNIQUE_VIOLATION && failure.constraint === IDEMPOTENCY_CONSTRAINT
}

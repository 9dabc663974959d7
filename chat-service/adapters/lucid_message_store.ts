import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type {
  AppendResult,
  HistoryPage,
  MessageStore,
  NewMessage,
  StoredMessage,
} from '#chat/src/message_store'
import type { ChatUser } from '#chat/src/ticket_verifier'

/**
 * A messages row joined with its author's username
 */
type MessageRow = {
  id: number
  room_id: number
  seq: number
  user_id: number
  username: string
  client_id: string | null
  body: string
  created_at: Date
}

const IDEMPOTENCY_CONSTRAINT = 'messages_room_id_user_id_client_id_unique'
const UNIQUE_VIOLATION = '23505'
const MESSAGE_COLUMNS = [
  'messages.id',
  'messages.room_id',
  'messages.seq',
  'messages.user_id',
  'users.username',
  'messages.client_id',
  'messages.body',
  'messages.created_at',
]

/**
 * The rooms' sequence logs in PostgreSQL, through Lucid. The only code that
 * writes messages: the seq comes from `rooms.last_seq` under its row lock,
 * so seqs are gap-free and a seq is visible only once all before it are.
 */
export class LucidMessageStore implements MessageStore {
  /**
   * `db`: the Lucid database service or one of its connections
   */
  constructor(private readonly db: Pick<QueryClientContract, 'from' | 'transaction'>) {}

  /**
   * Every room is open to every signed-in user, so this is a lookup only
   */
  async findRoom(room: number, _user: ChatUser) {
    const row = await this.db.from('rooms').select('id', 'last_seq').where('id', room).first()
    return row ? { id: row.id as number, lastSeq: row.last_seq as number } : null
  }

  async append(message: NewMessage): Promise<AppendResult | null> {
    try {
      return await this.db.transaction(async (trx) => {
        const head = await trx.rawQuery<{ rows: Array<{ last_seq: number }> }>(
          'UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
          [message.room]
        )
        if (head.rows.length === 0) {
          return null
        }
        const seq = head.rows[0].last_seq
        const [row] = await trx
          .insertQuery()
          .table('messages')
          .insert({
            room_id: message.room,
            user_id: message.user.id,
            seq,
            client_id: message.clientId,
            body: message.text,
            created_at: trx.raw('now()'),
          })
          .returning(['id', 'created_at'])
        return {
          id: row.id,
          room: message.room,
          seq,
          user: message.user,
          text: message.text,
          clientId: message.clientId,
          createdAt: row.created_at,
          duplicate: false,
        }
      })
    } catch (error) {
      if (!isIdempotencyViolation(error)) {
        throw error
      }
      const existing = await this.#findByClientId(message)
      return existing && { ...existing, duplicate: true }
    }
  }

  async readAfter(room: number, afterSeq: number, limit: number) {
    const rows: MessageRow[] = await this.#messages(room)
      .where('messages.seq', '>', afterSeq)
      .orderBy('messages.seq', 'asc')
      .limit(limit)
    return rows.map(toStoredMessage)
  }

  async readBefore(room: number, beforeSeq: number | null, limit: number): Promise<HistoryPage> {
    const query = this.#messages(room)
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

  async #findByClientId(message: NewMessage) {
    const row: MessageRow | null = await this.#messages(message.room)
      .where('messages.user_id', message.user.id)
      .where('messages.client_id', message.clientId!)
      .first()
    return row ? toStoredMessage(row) : null
  }

  #messages(room: number) {
    return this.db
      .from('messages')
      .join('users', 'users.id', 'messages.user_id')
      .select(MESSAGE_COLUMNS)
      .where('messages.room_id', room)
  }
}

function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    room: row.room_id,
    seq: row.seq,
    user: { id: row.user_id, username: row.username },
    text: row.body,
    clientId: row.client_id,
    createdAt: row.created_at,
  }
}

function isIdempotencyViolation(error: unknown) {
  const failure = error as { code?: string; constraint?: string }
  return failure.code === UNIQUE_VIOLATION && failure.constraint === IDEMPOTENCY_CONSTRAINT
}

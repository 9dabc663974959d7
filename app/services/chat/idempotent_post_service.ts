import { createHash } from 'node:crypto'
import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import MessageService from '#services/chat/message_service'
import IdempotencyKeyReusedException from '#exceptions/idempotency_key_reused_exception'
import Room from '#models/room'
import type User from '#models/user'

/**
 * Posting a message for an API client, exactly once per `Idempotency-Key`.
 * The key is the message's `client_id`, so the chat's log gives
 * exactly-once (a resend returns the stored entry, same seq, nothing
 * appended); `api_idempotency_keys` remembers a hash of the body the key
 * was first used with, so a different body with the same key is refused.
 */
@inject()
export default class IdempotentPostService {
  constructor(protected messages: MessageService) {}

  /**
   * Posts `text` to `room` as `user`; `replayed` when `key` was already
   * used with the same text (the stored entry is answered). Without a key
   * every call appends a new message.
   */
  async post(
    room: Room,
    user: User,
    { text, replyTo }: { text: string; replyTo?: number },
    key: string | null
  ) {
    const fresh = key === null || (await this.#claim(room, user, key, requestHash(text, replyTo)))
    const entry = replyTo
      ? await this.messages.reply(room, user, replyTo, { text, clientId: key })
      : await this.messages.post(room, user, { text, clientId: key })
    if (!entry) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Room)
    }
    if (entry.duplicate && (entry.kind !== 'message' || (fresh && entry.text !== text))) {
      // The key is the client_id of an entry sent another way (socket, form, edit)
      if (fresh) await this.#release(room, user, key!)
      throw new IdempotencyKeyReusedException()
    }
    return { entry, replayed: entry.duplicate }
  }

  /**
   * Records `hash` as the key's body; false when the key was already used
   * with the same body, a 409 when with another
   */
  async #claim(room: Room, user: User, key: string, hash: string) {
    const inserted = await db.rawQuery<{ rows: unknown[] }>(
      `INSERT INTO api_idempotency_keys (user_id, room_id, key, request_hash)
       VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING key`,
      [user.id, room.id, key, hash]
    )
    if (inserted.rows.length > 0) return true
    const stored = await db
      .from('api_idempotency_keys')
      .where({ user_id: user.id, room_id: room.id, key })
      .select('request_hash')
      .first()
    if (stored && stored.request_hash !== hash) {
      throw new IdempotencyKeyReusedException()
    }
    return false
  }

  async #release(room: Room, user: User, key: string) {
    await db
      .from('api_idempotency_keys')
      .where({ user_id: user.id, room_id: room.id, key })
      .delete()
  }
}

/**
 * What identifies a request's body: the SHA-256 of its (validated) text,
 * and of the message it replies to
 */
function requestHash(text: string, replyTo?: number) {
  return createHash('sha256')
    .update(replyTo ? `${text}\0reply_to:${replyTo}` : text)
    .digest('hex')
}

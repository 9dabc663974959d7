import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import transmit from '@adonisjs/transmit/services/main'
import Room from '#models/room'
import type { NotificationLevel } from '#models/room_member'
import type { StoredMessage } from '#chat/index'
import { userChannel } from '#services/lobby/lobby_broadcaster'
import { sendPush, type StoredPushSubscription } from '#services/notifications/push_sender'

/**
 * Why someone is notified of a message
 */
export type NotificationReason = 'mention' | 'direct' | 'message'

/**
 * What a notification says, on Transmit (`users/<id>`, type `notification`)
 * and in a push message alike
 */
export type NotificationPayload = {
  type: 'notification'
  reason: NotificationReason
  room: { id: number; name: string }
  seq: number
  /** The author's display name, or their username */
  author: string
  /** The message's start, or the name of its file when it has no text */
  text: string
  url: string
}

/**
 * Why a recipient hears of a message: mentioned, or at level `all`
 */
type RecipientReason = 'mention' | 'every'

/**
 * The reason of a recipient at level `all`: a direct conversation or a room
 */
const everyMessage = (room: Room): NotificationReason => (room.isDirect ? 'direct' : 'message')

/** Characters of the message a notification shows */
const EXCERPT_LENGTH = 140

/**
 * Tells the people a new message is for (by their notification level of
 * the room, see #recipients): each open tab over the user's own
 * Transmit channel, each browser with a push subscription by Web Push.
 * Nobody hears of a room they can no longer see (the room's visibility
 * rule, asked now, at send time).
 */
export default class NotificationDispatcher {
  /** Rooms asked for their members at level `all` this tick, and that tick's one query */
  #roomsThisTick = new Set<number>()
  #everyMessageThisTick: Promise<Map<number, number[]>> | null = null

  /**
   * Notifies the recipients of `entry`; never throws (failures are logged).
   * Resolves once every push was answered or failed.
   */
  async dispatch(entry: StoredMessage) {
    try {
      if (entry.kind !== 'message' || entry.deleted) return
      const recipients = await this.#recipients(entry)
      if (recipients.size === 0) return
      const room = await Room.find(entry.room)
      if (!room) return
      const visible = await room.visibleAmong([...recipients.keys()])
      const pushes: Promise<void>[] = []
      const subscriptions = await this.#subscriptionsOf(visible)
      const payloads = new Map<
        NotificationReason,
        { payload: NotificationPayload; json?: string }
      >()
      for (const userId of visible) {
        const reason = recipients.get(userId) === 'mention' ? 'mention' : everyMessage(room)
        let told = payloads.get(reason)
        if (!told) {
          told = { payload: this.#payload(entry, room, reason) }
          payloads.set(reason, told)
        }
        transmit.broadcast(userChannel(userId), told.payload)
        for (const subscription of subscriptions.get(userId) ?? []) {
          told.json ??= JSON.stringify(told.payload)
          pushes.push(sendPush(subscription, told.json))
        }
      }
      await Promise.all(pushes)
    } catch (error) {
      logger.error({ err: error, room: entry.room, seq: entry.seq }, 'notifications failed')
    }
  }

  /**
   * Tells the room's members that message `entry.target` was deleted (`message_deleted`, on
   * their own channel): their tabs count it no more. Never throws (failures are logged).
   */
  async removed(entry: StoredMessage) {
    try {
      const members = await db.from('room_members').where('room_id', entry.room).select('user_id')
      const event = { type: 'message_deleted', room: entry.room, seq: entry.target }
      for (const { user_id: userId } of members) transmit.broadcast(userChannel(userId), event)
    } catch (error) {
      logger.error({ err: error, room: entry.room, seq: entry.seq }, 'deletion events failed')
    }
  }

  /**
   * Who the message is for, and why (never its author), by each member's
   * notification level of the room: `all` hears of every message (`direct`
   * in a direct conversation), `mentions` only of mentions, `nothing` of
   * nothing. A mentioned user who has not joined the (public) room hears of
   * the mention.
   */
  async #recipients(entry: StoredMessage) {
    const mentionedIds = entry.html.includes('class="mention"')
      ? await this.#mentionedIn(entry)
      : []
    const mentionedLevels = mentionedIds.length
      ? await db
          .from('room_members')
          .where('room_id', entry.room)
          .whereIn('user_id', mentionedIds)
          .select('user_id', 'notification_level')
      : []
    const levels = new Map<number, NotificationLevel>(
      mentionedLevels.map((row) => [row.user_id as number, row.notification_level])
    )
    const recipients = new Map<number, RecipientReason>()
    for (const userId of mentionedIds) {
      if (levels.get(userId) !== 'nothing') recipients.set(userId, 'mention')
    }
    for (const userId of await this.#hearingEveryMessage(entry.room)) {
      if (userId !== entry.user.id && !recipients.has(userId)) recipients.set(userId, 'every')
    }
    return recipients
  }

  async #mentionedIn(entry: StoredMessage) {
    const rows = await db
      .from('message_mentions')
      .where('message_id', entry.id)
      .whereNot('user_id', entry.user.id)
      .select('user_id')
    return rows.map((row) => row.user_id as number)
  }

  /**
   * The members of the room at level `all`. The rooms asked in one tick are
   * read by one query, so the group commits that landed together (one per
   * room) cost one statement between them.
   */
  async #hearingEveryMessage(room: number) {
    this.#roomsThisTick.add(room)
    this.#everyMessageThisTick ??= new Promise((resolve) => setImmediate(resolve)).then(
      async () => {
        const rooms = [...this.#roomsThisTick]
        this.#roomsThisTick.clear()
        this.#everyMessageThisTick = null
        const rows = await db
          .from('room_members')
          .whereIn('room_id', rooms)
          .where('notification_level', 'all')
          .select('room_id', 'user_id')
        const byRoom = new Map<number, number[]>()
        for (const row of rows) {
          const members = byRoom.get(row.room_id) ?? []
          members.push(row.user_id)
          byRoom.set(row.room_id, members)
        }
        return byRoom
      }
    )
    const byRoom = await this.#everyMessageThisTick
    return byRoom.get(room) ?? []
  }

  async #subscriptionsOf(userIds: number[]) {
    const rows = await db
      .from('push_subscriptions')
      .whereIn('user_id', userIds)
      .select('id', 'user_id', 'endpoint', 'p256dh', 'auth')
    const byUser = new Map<number, StoredPushSubscription[]>()
    for (const row of rows) {
      const list = byUser.get(row.user_id) ?? []
      list.push({ id: Number(row.id), endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth })
      byUser.set(row.user_id, list)
    }
    return byUser
  }

  #payload(entry: StoredMessage, room: Room, reason: NotificationReason): NotificationPayload {
    const shown = entry.text || (entry.attachment ? `📎 ${entry.attachment.name}` : '')
    const text = shown.length > EXCERPT_LENGTH ? `${shown.slice(0, EXCERPT_LENGTH - 1)}…` : shown
    return {
      type: 'notification',
      reason,
      room: { id: room.id, name: room.name },
      seq: entry.seq,
      author: entry.user.displayName || entry.user.username,
      text,
      url: messageContextUrl(room.id, entry.seq),
    }
  }
}

/**
 * The page of message `seq` in its context (route `message_contexts.show`),
 * spelled out: the standalone chat service sends notifications too, and it
 * runs without the HTTP router (no URL builder there)
 */
function messageContextUrl(roomId: number, seq: number) {
  return `/rooms/${roomId}/messages/${seq}#message-${seq}`
}

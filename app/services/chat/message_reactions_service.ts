import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { reactionsOf } from '#chat/index'
import Message from '#models/message'
import type Room from '#models/room'
import type User from '#models/user'
import { isRowId } from '#helpers/row_id'
import type { ReactionSummary } from '#client/reactions/reaction_summary'

/**
 * Reading reactions for pages and the API (writing them is the chat's:
 * MessageService.react)
 */
export default class MessageReactionsService {
  /**
   * The reactions of each of `messages`, by message id
   */
  forMessages(messages: Array<{ id: number }>) {
    return reactionsOf(
      db,
      messages.map((message) => message.id)
    )
  }

  /**
   * The reactions of each of `messages` in the chat's wire shape (people as
   * `{ id, username, display_name? }`), by message id, for the room page
   * (partials/reactions.edge)
   */
  async forPage(messages: Array<{ id: number }>) {
    const reactions = await this.forMessages(messages)
    const page = new Map<number, ReactionSummary[]>()
    for (const [messageId, summaries] of reactions) {
      page.set(
        messageId,
        summaries.map(({ emoji, users }) => ({
          emoji,
          users: users.map(({ id, username, displayName }) =>
            displayName ? { id, username, display_name: displayName } : { id, username }
          ),
        }))
      )
    }
    return page
  }

  /**
   * The reactions of message `seq` of `room`; a 404 when it is not a message there
   */
  async ofMessage(room: Room, seq: number) {
    const message = isRowId(seq)
      ? await Message.query().where({ roomId: room.id, seq, kind: 'message' }).select('id').first()
      : null
    if (!message) throw new lucidErrors.E_ROW_NOT_FOUND(Message)
    const reactions = await this.forMessages([message])
    return reactions.get(message.id) ?? []
  }

  /**
   * Whether `user` reacted to message `seq` of `room` with `emoji`
   */
  async hasReacted(room: Room, seq: number, user: User, emoji: string) {
    if (!isRowId(seq)) return false
    const row = await db
      .from('message_reactions')
      .join('messages', 'messages.id', 'message_reactions.message_id')
      .where({ 'messages.room_id': room.id, 'messages.seq': seq })
      .where({ 'message_reactions.user_id': user.id, 'message_reactions.emoji': emoji })
      .first()
    return Boolean(row)
  }
}

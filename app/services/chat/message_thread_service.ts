import { inject } from '@adonisjs/core'
import { ChatNode } from '#chat/index'
import MessageChangeRefusedException from '#exceptions/message_change_refused_exception'
import { isRowId } from '#helpers/row_id'
import type Room from '#models/room'

/**
 * Replies a page shows at once, when the client names no limit
 */
export const DEFAULT_REPLIES_PAGE = 50

/**
 * Reading a message's thread (its replies) through the chat's store, so
 * pages, the API and the socket quote parents the same way
 */
@inject()
export default class MessageThreadService {
  constructor(protected chat: ChatNode) {}

  /**
   * The thread of message `seq` of `room` (of its root, for a reply): the
   * root and up to `limit` replies before seq `before`, oldest first; 404
   * E_MESSAGE_NOT_FOUND when `seq` is not a message of the room
   */
  async page(room: Room, seq: number, cursor: { before?: number; limit?: number } = {}) {
    const page = isRowId(seq)
      ? await this.chat.store.readReplies(
          room.id,
          seq,
          cursor.before ?? null,
          cursor.limit ?? DEFAULT_REPLIES_PAGE
        )
      : null
    if (!page) throw new MessageChangeRefusedException('message_not_found')
    return page
  }
}

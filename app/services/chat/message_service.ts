import { inject } from '@adonisjs/core'
import { ChatPublisher } from '#chat/src/chat_publisher'
import MessageChangeRefusedException from '#exceptions/message_change_refused_exception'
import { isRowId } from '#helpers/row_id'
import type { ChangeResult } from '#chat/src/message_store'
import type Room from '#models/room'
import type User from '#models/user'

/**
 * Editing and deleting messages from the web app: through the chat's store
 * and bus, so live clients get the new log entry like any other
 */
@inject()
export default class MessageService {
  constructor(protected chat: ChatPublisher) {}

  /**
   * A new text for message `seq` of `room`; only its author may
   */
  async edit(
    room: Room,
    user: User,
    seq: number,
    input: { text: string; clientId: string | null }
  ) {
    this.#assertSeq(seq)
    return this.#entryOf(
      await this.chat.edit({ room: room.id, user: chatUser(user), target: seq, ...input })
    )
  }

  /**
   * Deletes message `seq` of `room`; its author or the room's owner may
   */
  async remove(room: Room, user: User, seq: number, clientId: string | null) {
    this.#assertSeq(seq)
    return this.#entryOf(
      await this.chat.remove({ room: room.id, user: chatUser(user), target: seq, clientId })
    )
  }

  #assertSeq(seq: number) {
    if (!isRowId(seq)) {
      throw new MessageChangeRefusedException('message_not_found')
    }
  }

  #entryOf(result: ChangeResult) {
    if (!result.ok) {
      throw new MessageChangeRefusedException(result.refusal)
    }
    return result.entry
  }
}

function chatUser(user: User) {
  return { id: user.id, username: user.username }
}

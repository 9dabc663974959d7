import { inject } from '@adonisjs/core'
import { ChatNode, type ChangeResult } from '#chat/index'
import MessageChangeRefusedException from '#exceptions/message_change_refused_exception'
import { isRowId } from '#helpers/row_id'
import type Room from '#models/room'
import type User from '#models/user'

/**
 * Posting, editing and deleting messages from the web app: through this
 * process's chat node, the same path as a socket's frames, so live clients
 * get the new log entry like any other
 */
@inject()
export default class MessageService {
  constructor(protected chat: ChatNode) {}

  /**
   * Posts a message to `room`, exactly once per client id
   */
  async post(room: Room, user: User, input: { text: string; clientId: string | null }) {
    return this.chat.post({ room: room.id, user: chatUser(user), ...input })
  }

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
  return user.displayName
    ? { id: user.id, username: user.username, displayName: user.displayName }
    : { id: user.id, username: user.username }
}

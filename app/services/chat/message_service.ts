import { inject } from '@adonisjs/core'
import {
  ChatNode,
  MutedError,
  RoomArchivedError,
  type Attachment,
  type ChangeResult,
} from '#chat/index'
import MessageChangeRefusedException from '#exceptions/message_change_refused_exception'
import MutedException from '#exceptions/muted_exception'
import RoomArchivedException from '#exceptions/room_archived_exception'
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
   * Posts a message to `room` (with a stored attachment of the room),
   * exactly once per client id (E_MUTED while the user is muted there)
   */
  async post(
    room: Room,
    user: User,
    input: { text: string; clientId: string | null; attachment?: Attachment }
  ) {
    return unlessMuted(() => this.chat.post({ room: room.id, user: chatUser(user), ...input }))
  }

  /**
   * Posts a reply to message `replyTo` of `room` (to its thread's root when
   * it is a reply), exactly once per client id (E_MUTED while muted there)
   */
  async reply(
    room: Room,
    user: User,
    replyTo: number,
    input: { text: string; clientId: string | null; attachment?: Attachment }
  ) {
    if (!isRowId(replyTo)) throw new MessageChangeRefusedException('reply_parent_not_found')
    return this.#entryOf(
      await unlessMuted(() =>
        this.chat.reply({ room: room.id, user: chatUser(user), replyTo, ...input })
      )
    )
  }

  /**
   * A new text for message `seq` of `room`; only its author may, not while muted
   */
  async edit(
    room: Room,
    user: User,
    seq: number,
    input: { text: string; clientId: string | null }
  ) {
    this.#assertSeq(seq)
    return this.#entryOf(
      await unlessMuted(() =>
        this.chat.edit({ room: room.id, user: chatUser(user), target: seq, ...input })
      )
    )
  }

  /**
   * Deletes message `seq` of `room`; its author or whoever moderates the room may
   */
  async remove(room: Room, user: User, seq: number, clientId: string | null) {
    this.#assertSeq(seq)
    return this.#entryOf(
      await this.chat.remove({ room: room.id, user: chatUser(user), target: seq, clientId })
    )
  }

  /**
   * Pins (`pinned`) or unpins message `seq` of `room`; whoever moderates
   * the room may
   */
  async pin(room: Room, user: User, seq: number, pinned: boolean, clientId: string | null) {
    this.#assertSeq(seq)
    return this.#entryOf(
      await unlessMuted(() =>
        this.chat.pin({ room: room.id, user: chatUser(user), target: seq, pinned, clientId })
      )
    )
  }

  /**
   * Adds (`on`) or withdraws `user`'s reaction `emoji` to message `seq` of
   * `room`; anyone who may post there may (not while muted)
   */
  async react(
    room: Room,
    user: User,
    seq: number,
    input: { emoji: string; on: boolean; clientId: string | null }
  ) {
    this.#assertSeq(seq)
    return this.#entryOf(
      await unlessMuted(() =>
        this.chat.react({ room: room.id, user: chatUser(user), target: seq, ...input })
      )
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
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    avatarKey: user.avatarKey,
  }
}

/**
 * Runs a chat write, turning the chat's MutedError into the HTTP E_MUTED
 * and its RoomArchivedError into E_ROOM_ARCHIVED
 */
async function unlessMuted<T>(write: () => Promise<T>) {
  try {
    return await write()
  } catch (error) {
    if (error instanceof MutedError) throw new MutedException(new Date(error.until))
    if (error instanceof RoomArchivedError) throw new RoomArchivedException()
    throw error
  }
}

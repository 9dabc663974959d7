import {
  HISTORY_KINDS,
  type AppendResult,
  type ChangeRefusal,
  type ChangeResult,
  type EntryFrame,
  type HistoryPage,
  type MessageEdit,
  type MessageReaction,
  type ModeratedPin,
  type ModeratedRemoval,
  type MessageStore,
  type NewMessage,
  type NewReply,
  type StoredMessage,
} from '#chat/src/message_store'
import { replyExcerpt } from '#chat/src/replies'
import type { Clock } from '#chat/src/clock'
import { serverFrames } from '#chat/src/server_frames'

type MemoryRoom = { ownerId: number; entries: StoredMessage[] }

/**
 * The rooms' sequence logs in memory, with the rules of the Lucid store
 * (per-room seq, one entry per (room, user, client id), author-only edits,
 * author-or-moderator deletes, moderator pins), so the chat core is tested without PostgreSQL.
 * `failing` makes every call reject (a database outage).
 */
export class MemoryMessageStore implements MessageStore {
  failing: Error | null = null
  #rooms = new Map<number, MemoryRoom>()
  #pinned = new Set<number>()
  #reactions = new Set<string>()
  #nextId = 1

  constructor(private readonly clock: Clock) {}

  /**
   * Creates room `id` owned by user `ownerId`
   */
  addRoom(id: number, ownerId: number) {
    this.#rooms.set(id, { ownerId, entries: [] })
  }

  /**
   * The owner of room `id` (who moderates it), or undefined
   */
  ownerOf(id: number) {
    return this.#rooms.get(id)?.ownerId
  }

  /**
   * Drops room `id` and its log
   */
  deleteRoom(id: number) {
    this.#rooms.delete(id)
  }

  /**
   * Whether room `id` exists
   */
  hasRoom(id: number) {
    return this.#rooms.has(id)
  }

  /**
   * The room's head
   */
  lastSeq(room: number) {
    return this.#rooms.get(room)?.entries.at(-1)?.seq ?? 0
  }

  async append(message: NewMessage): Promise<AppendResult | null> {
    this.#check()
    const room = this.#rooms.get(message.room)
    if (!room) {
      return null
    }
    return this.#write(room, { ...message, kind: 'message', target: null })
  }

  async edit(edit: MessageEdit): Promise<ChangeResult> {
    this.#check()
    return this.#change(edit, 'edit', (target) => {
      if (target.user.id !== edit.user.id) {
        return 'forbidden'
      }
      target.text = edit.text
      target.html = edit.text
      target.editedAt = new Date(this.clock.now())
      return null
    })
  }

  async remove(removal: ModeratedRemoval): Promise<ChangeResult> {
    this.#check()
    return this.#change({ ...removal, text: '' }, 'delete', (target) => {
      if (target.user.id !== removal.user.id && !removal.asModerator) {
        return 'forbidden'
      }
      target.text = ''
      target.html = ''
      target.deleted = true
      target.attachment = null
      this.#pinned.delete(target.id)
      return null
    })
  }

  async pin(pin: ModeratedPin): Promise<ChangeResult> {
    this.#check()
    const kind = pin.pinned ? 'pin' : 'unpin'
    return this.#change({ ...pin, text: '' }, kind, (target) => {
      if (!pin.asModerator) return 'forbidden'
      if (this.#pinned.has(target.id) === pin.pinned) {
        return pin.pinned ? 'already_pinned' : 'not_pinned'
      }
      if (pin.pinned) this.#pinned.add(target.id)
      else this.#pinned.delete(target.id)
      return null
    })
  }

  async react(reaction: MessageReaction): Promise<ChangeResult> {
    this.#check()
    const kind = reaction.on ? 'react' : 'unreact'
    const key = (target: StoredMessage) => `${target.id}:${reaction.user.id}:${reaction.emoji}`
    return this.#change({ ...reaction, text: reaction.emoji }, kind, (target) => {
      if (this.#reactions.has(key(target)) === reaction.on) {
        return reaction.on ? 'already_reacted' : 'not_reacted'
      }
      if (reaction.on) this.#reactions.add(key(target))
      else this.#reactions.delete(key(target))
      return null
    })
  }

  /**
   * A reply quotes its parent as it was when written (the Lucid store
   * quotes its current state)
   */
  async reply(reply: NewReply): Promise<ChangeResult> {
    this.#check()
    const room = this.#rooms.get(reply.room)
    if (!room) return { ok: false, refusal: 'room_not_found' }
    const replayed = this.#byClientId(room, reply)
    if (replayed) return { ok: true, entry: { ...replayed, duplicate: true } }
    const parent = room.entries.find(
      (entry) => entry.kind === 'message' && entry.seq === reply.replyTo
    )
    if (!parent) return { ok: false, refusal: 'reply_parent_not_found' }
    if (parent.deleted) return { ok: false, refusal: 'reply_parent_deleted' }
    const root = room.entries.find((entry) => entry.seq === (parent.reply?.to ?? parent.seq))!
    const entry = this.#write(room, { ...reply, kind: 'message', target: null })
    entry.reply = {
      to: root.seq,
      parent: { user: root.user, text: replyExcerpt(root.text), deleted: root.deleted },
    }
    room.entries[room.entries.length - 1].reply = entry.reply
    return { ok: true, entry }
  }

  async readReplies(room: number, seq: number, beforeSeq: number | null, limit: number) {
    this.#check()
    const entries = this.#rooms.get(room)?.entries ?? []
    const named = entries.find((entry) => entry.kind === 'message' && entry.seq === seq)
    const root = entries.find((entry) => entry.seq === (named?.reply?.to ?? named?.seq))
    if (!root) return null
    const replies = entries.filter(
      (entry) => entry.reply?.to === root.seq && (beforeSeq === null || entry.seq < beforeSeq)
    )
    return { root, messages: replies.slice(-limit), hasMore: replies.length > limit }
  }

  async readAfter(room: number, afterSeq: number, limit: number) {
    this.#check()
    const entries = this.#rooms.get(room)?.entries ?? []
    return entries.filter((entry) => entry.seq > afterSeq).slice(0, limit)
  }

  async streamFramesAfter(
    room: number,
    afterSeq: number,
    limit: number,
    onFrame: (entry: EntryFrame) => void
  ) {
    for (const entry of await this.readAfter(room, afterSeq, limit)) {
      onFrame({ seq: entry.seq, frame: serverFrames.message(entry).toString() })
    }
  }

  async readBefore(room: number, beforeSeq: number | null, limit: number): Promise<HistoryPage> {
    this.#check()
    const messages = (this.#rooms.get(room)?.entries ?? []).filter(
      (entry) =>
        (HISTORY_KINDS as readonly string[]).includes(entry.kind) &&
        (beforeSeq === null || entry.seq < beforeSeq)
    )
    return { messages: messages.slice(-limit), hasMore: messages.length > limit }
  }

  #check() {
    if (this.failing) {
      throw this.failing
    }
  }

  #change(
    change: MessageEdit,
    kind: 'edit' | 'delete' | 'pin' | 'unpin' | 'react' | 'unreact',
    apply: (target: StoredMessage) => ChangeRefusal | null
  ): ChangeResult {
    const room = this.#rooms.get(change.room)
    if (!room) {
      return { ok: false, refusal: 'room_not_found' }
    }
    const replayed = this.#byClientId(room, change)
    if (replayed) {
      return { ok: true, entry: { ...replayed, duplicate: true } }
    }
    const target = room.entries.find(
      (entry) => entry.kind === 'message' && entry.seq === change.target
    )
    if (!target) {
      return { ok: false, refusal: 'message_not_found' }
    }
    if (target.deleted) {
      return { ok: false, refusal: 'message_deleted' }
    }
    const refusal = apply(target)
    if (refusal) {
      return { ok: false, refusal }
    }
    return { ok: true, entry: this.#write(room, { ...change, kind }) }
  }

  #byClientId(room: MemoryRoom, message: NewMessage) {
    if (message.clientId === null) {
      return undefined
    }
    return room.entries.find(
      (entry) => entry.clientId === message.clientId && entry.user.id === message.user.id
    )
  }

  #write(
    room: MemoryRoom,
    message: NewMessage & { kind: StoredMessage['kind']; target: number | null }
  ): AppendResult {
    const replayed = this.#byClientId(room, message)
    if (replayed) {
      return { ...replayed, duplicate: true }
    }
    const entry: StoredMessage = {
      id: this.#nextId++,
      room: message.room,
      seq: (room.entries.at(-1)?.seq ?? 0) + 1,
      kind: message.kind,
      target: message.target,
      user: message.user,
      text: message.text,
      html: message.text,
      clientId: message.clientId,
      createdAt: new Date(this.clock.now()),
      editedAt: null,
      deleted: false,
      attachment: message.kind === 'message' ? (message.attachment ?? null) : null,
    }
    room.entries.push(entry)
    return { ...entry, duplicate: false }
  }
}

import type { ChatUser } from './ticket_verifier.js'
import type { NewReply, RepliesPage, ReplyOf, ThreadSummary } from './replies.js'

/**
 * A change of the room's settings, as a system entry of its log (no target):
 * its `text` is the new name, topic, visibility (`public`/`private`) or
 * owner's username, empty for `archive` and `unarchive`
 */
export type RoomSettingKind = (typeof ROOM_SETTING_KINDS)[number]

/**
 * Every RoomSettingKind
 */
export const ROOM_SETTING_KINDS = [
  'rename',
  'topic',
  'visibility',
  'owner',
  'archive',
  'unarchive',
] as const

/**
 * The kinds a history page shows: messages in their current state and the
 * room-setting entries (edits, deletions, pins and reactions are folded
 * into the messages they change)
 */
export const HISTORY_KINDS = ['message', ...ROOM_SETTING_KINDS] as const

/**
 * What a log entry is: a message, or an edit, deletion, pin, unpin,
 * reaction or withdrawn reaction about an earlier one, or a room setting
 */
export type EntryKind =
  'message' | 'edit' | 'delete' | 'pin' | 'unpin' | 'react' | 'unreact' | RoomSettingKind

/**
 * One emoji's reactions to a message: who reacted, earliest first
 */
export type ReactionSummary = { emoji: string; users: ChatUser[] }

/**
 * A file attached to a message: uploaded over HTTP, served by the web app
 * (PROTOCOL.md). `type` was sniffed from the content; `width`/`height` and
 * `thumbnail` are set for pictures.
 */
export type Attachment = {
  id: number
  name: string
  type: string
  size: number
  width: number | null
  height: number | null
  thumbnail: boolean
}

/**
 * One entry of a room's sequence log, in its current state. For `edit` the
 * text and html are the new content, for `delete` they are empty; `target`
 * is the seq of the message they change (null for a message). `deleted`:
 * the message (or the message this entry changed) was deleted.
 */
export type StoredMessage = {
  id: number
  room: number
  seq: number
  kind: EntryKind
  target: number | null
  user: ChatUser
  text: string
  html: string
  clientId: string | null
  createdAt: Date
  editedAt: Date | null
  deleted: boolean
  /** The message's file (null for edit and delete entries and deleted messages) */
  attachment: Attachment | null
  /**
   * The message's reactions, in the order the emoji were first used; only
   * history pages carry them (a replay carries the react entries themselves)
   */
  reactions?: ReactionSummary[]
  /** Whether the message is pinned; only history pages carry it, like `reactions` */
  pinned?: boolean
  /** Set on a reply: its thread's root and the quoted preview of it (src/replies.ts) */
  reply?: ReplyOf
  /** Set on a thread's root in history pages and thread reads: its replies so far */
  thread?: ThreadSummary
}

export type { ReplyOf, ThreadSummary, NewReply, RepliesPage } from './replies.js'

/**
 * A message to append; `clientId` makes a resend idempotent. `attachment`:
 * an uploaded file of the room the message carries
 */
export type NewMessage = {
  room: number
  user: ChatUser
  clientId: string | null
  text: string
  attachment?: Attachment | null
}

/**
 * A new text for the message with seq `target`
 */
export type MessageEdit = Omit<NewMessage, 'attachment'> & { target: number }

/**
 * Deletes the message with seq `target`
 */
export type MessageRemoval = Omit<NewMessage, 'text' | 'attachment'> & { target: number }

/**
 * A deletion as the store applies it: `asModerator` when the remover
 * moderates the room (RoomAccess.mayModerate), who may delete anyone's message
 */
export type ModeratedRemoval = MessageRemoval & { asModerator: boolean }

/**
 * Pins (`pinned` true) or unpins the message with seq `target`
 */
export type MessagePin = Omit<NewMessage, 'text'> & { target: number; pinned: boolean }

/**
 * Adds (`on` true) or withdraws one's reaction `emoji` to the message with seq `target`
 */
export type MessageReaction = Omit<NewMessage, 'text' | 'attachment'> & {
  target: number
  emoji: string
  on: boolean
}

/**
 * A pin as the store applies it: only whoever moderates the room (`asModerator`) may
 */
export type ModeratedPin = MessagePin & { asModerator: boolean }

/**
 * The stored entry; `duplicate` is true when `clientId` was already used and
 * nothing new was written
 */
export type AppendResult = StoredMessage & { duplicate: boolean }

/**
 * Why an edit or deletion was refused (the codes of the error frames)
 */
export type ChangeRefusal =
  | 'room_not_found'
  | 'message_not_found'
  | 'message_deleted'
  | 'forbidden'
  | 'already_pinned'
  | 'not_pinned'
  | 'already_reacted'
  | 'not_reacted'
  | 'too_many_reactions'
  | 'reply_parent_not_found'
  | 'reply_parent_deleted'

/**
 * How many different emoji a message may carry, and how many one person may
 * put on one message
 */
export const REACTION_LIMITS = { emojiPerMessage: 20, perUserPerMessage: 10 }

/**
 * The message of each refusal, shared by the socket's error frames and the
 * app's HTTP errors
 */
export const CHANGE_REFUSALS: Record<ChangeRefusal, string> = {
  room_not_found: 'No such room',
  message_not_found: 'No such message in this room',
  message_deleted: 'The message was deleted',
  forbidden:
    'Only its author may edit a message; its author or the room’s owner, moderators or admin may delete it; they alone pin',
  already_pinned: 'The message is already pinned',
  not_pinned: 'The message is not pinned',
  already_reacted: 'You already reacted with this emoji',
  not_reacted: 'You have not reacted with this emoji',
  too_many_reactions: 'The message has as many different reactions as it may, or you as many on it',
  reply_parent_not_found: 'The message to reply to is not a message of this room',
  reply_parent_deleted: 'The message to reply to was deleted',
}

/**
 * The log entry an edit, deletion or pin appended, or why nothing was written
 */
export type ChangeResult = { ok: true; entry: AppendResult } | { ok: false; refusal: ChangeRefusal }

/**
 * A page of history, ascending by seq
 */
export type HistoryPage = { messages: StoredMessage[]; hasMore: boolean }

/**
 * A log entry as its `message` frame, serialised (PROTOCOL.md): what
 * `serverFrames.message` builds, ready to send as is
 */
export type EntryFrame = { seq: number; frame: string }

/**
 * The sequence log of every room: the source of truth the chat re-reads
 * whenever the bus may have missed something
 */
export interface MessageStore {
  /**
   * Appends with the next per-room seq, exactly once per (room, user, clientId).
   * Resolves after commit; null when the room is gone.
   */
  append(message: NewMessage): Promise<AppendResult | null>

  /**
   * Appends an `edit` entry and changes the message, exactly once per
   * (room, user, clientId); only its author may
   */
  edit(edit: MessageEdit): Promise<ChangeResult>

  /**
   * Appends a `delete` entry and blanks the message and its edits (its
   * attachment goes too), exactly once per (room, user, clientId); its
   * author may, or anyone `asModerator`
   */
  remove(removal: ModeratedRemoval): Promise<ChangeResult>

  /**
   * Appends a `pin` or `unpin` entry and marks the message, exactly once per
   * (room, user, clientId); only `asModerator` may. Deleting a message unpins it.
   */
  pin(pin: ModeratedPin): Promise<ChangeResult>

  /**
   * Appends a `react` or `unreact` entry (the emoji as its text) and records
   * the reaction, exactly once per (room, user, clientId); at most
   * REACTION_LIMITS per message and per user. Deleting a message drops them.
   */
  react(reaction: MessageReaction): Promise<ChangeResult>

  /**
   * Appends a message answering the message with seq `replyTo` (stored as a
   * reply to its thread's root), exactly once per (room, user, clientId);
   * the parent must be a message of the room, not deleted
   */
  reply(reply: NewReply): Promise<ChangeResult>

  /**
   * The thread of the message with seq `root` (or of its root, for a
   * reply): the root and up to `limit` replies with seq < `beforeSeq`
   * (all when null), ascending; null when `root` is no message of the room
   */
  readReplies(
    room: number,
    root: number,
    beforeSeq: number | null,
    limit: number
  ): Promise<RepliesPage | null>

  /**
   * Up to `limit` committed entries of every kind with seq > `afterSeq`, ascending
   */
  readAfter(room: number, afterSeq: number, limit: number): Promise<StoredMessage[]>

  /**
   * Calls `onFrame` with each entry `readAfter` returns, in seq order, as its
   * serialised `message` frame while the store reads them (one query), so a
   * replay streams them with no StoredMessage made per entry; resolves after
   * the last
   */
  streamFramesAfter(
    room: number,
    afterSeq: number,
    limit: number,
    onFrame: (entry: EntryFrame) => void
  ): Promise<void>

  /**
   * The `limit` newest entries of HISTORY_KINDS (messages in their current
   * state, room-setting entries) with seq < `beforeSeq` (all when null),
   * ascending
   */
  readBefore(room: number, beforeSeq: number | null, limit: number): Promise<HistoryPage>
}

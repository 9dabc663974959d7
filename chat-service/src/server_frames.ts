import type { RepliesPage, StoredMessage } from './message_store.js'
import type { ChatUser } from './ticket_verifier.js'
import type { PresenceChanges } from './room_presence.js'
import type { FrameError } from './client_frames.js'

/**
 * A frame ready for the wire: serialised once, sent as is to every socket
 */
export type WireFrame = Buffer

function wire(frame: Record<string, unknown>): WireFrame {
  return Buffer.from(JSON.stringify(frame))
}

/**
 * A person on the wire: `display_name` and `avatar` only when they chose them
 */
function userBody(user: ChatUser) {
  const body: { id: number; username: string; display_name?: string; avatar?: string } = {
    id: user.id,
    username: user.username,
  }
  if (user.displayName) body.display_name = user.displayName
  if (user.avatarKey) body.avatar = user.avatarKey
  return body
}

function messageBody(message: StoredMessage) {
  return {
    type: 'message',
    room: message.room,
    seq: message.seq,
    id: message.id,
    user: userBody(message.user),
    kind: message.kind,
    target: message.target,
    text: message.text,
    html: message.html,
    client_id: message.clientId,
    created_at: message.createdAt.toISOString(),
    edited_at: message.editedAt?.toISOString() ?? null,
    deleted: message.deleted,
    attachment: message.attachment,
    ...(message.reactions && {
      reactions: message.reactions.map(({ emoji, users }) => ({
        emoji,
        users: users.map(userBody),
      })),
    }),
    ...(message.pinned !== undefined && { pinned: message.pinned }),
    ...(message.reply && {
      reply_to: message.reply.to,
      parent: { ...message.reply.parent, user: userBody(message.reply.parent.user) },
    }),
    ...(message.thread && {
      thread: { count: message.thread.count, last_at: message.thread.lastAt.toISOString() },
    }),
  }
}

/**
 * A `replay` frame: consecutive `message` frames of `room` (their text, as
 * they would go out alone) in one array, in seq order
 */
export function replayFrameText(room: number, messages: string[]) {
  return `{"type":"replay","room":${room},"messages":[${messages.join(',')}]}`
}

/**
 * Builders for every server → client frame (see PROTOCOL.md)
 */
export const serverFrames = {
  joined: (room: number, lastSeq: number, online: ChatUser[]) =>
    wire({ type: 'joined', room, last_seq: lastSeq, online: online.map(userBody) }),
  left: (room: number) => wire({ type: 'left', room }),
  ack: (room: number, clientId: string, seq: number, id: number) =>
    wire({ type: 'ack', room, client_id: clientId, seq, id }),
  message: (message: StoredMessage) => wire(messageBody(message)),
  history: (room: number, messages: StoredMessage[], hasMore: boolean) =>
    wire({ type: 'history', room, messages: messages.map(messageBody), has_more: hasMore }),
  replies: (room: number, page: RepliesPage) =>
    wire({
      type: 'replies',
      room,
      root: messageBody(page.root),
      messages: page.messages.map(messageBody),
      has_more: page.hasMore,
    }),
  typing: (room: number, user: ChatUser) => wire({ type: 'typing', room, user: userBody(user) }),
  presence: (room: number, changes: PresenceChanges) =>
    wire({
      type: 'presence',
      room,
      joined: changes.joined.map(userBody),
      left: changes.left.map(userBody),
    }),
  roomDeleted: (room: number) => wire({ type: 'room_deleted', room }),
  roomAccessRevoked: (room: number) => wire({ type: 'room_access_revoked', room }),
  muted: (room: number, until: number | null) =>
    wire({ type: 'muted', room, until: until === null ? null : new Date(until).toISOString() }),
  pong: () => wire({ type: 'pong' }),
  read: (room: number, seq: number) => wire({ type: 'read', room, seq }),
  error: (error: FrameError) =>
    wire({ type: 'error', code: error.code, message: error.message, ref: error.ref }),
}

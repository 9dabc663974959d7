import type { ChatLimits } from './limits.js'

/**
 * A validated frame from a client
 */
export type ClientFrame =
  | { type: 'join'; room: number; since: number | null; batch: boolean }
  | { type: 'leave'; room: number }
  | { type: 'send'; room: number; clientId: string; text: string; replyTo: number | null }
  | { type: 'edit'; room: number; clientId: string; target: number; text: string }
  | { type: 'delete'; room: number; clientId: string; target: number }
  | { type: 'pin' | 'unpin'; room: number; clientId: string; target: number }
  | { type: 'react' | 'unreact'; room: number; clientId: string; target: number; emoji: string }
  | { type: 'history'; room: number; before: number | null; limit: number }
  | { type: 'replies'; room: number; target: number; before: number | null; limit: number }
  | { type: 'typing'; room: number }
  | { type: 'read'; room: number; seq: number }
  | { type: 'ping' }
  | { type: 'status'; state: 'active' | 'away' }

/**
 * Every error code an error frame can carry (see PROTOCOL.md)
 */
type ChatErrorCode =
  | 'bad_json'
  | 'unknown_type'
  | 'invalid_frame'
  | 'text_empty'
  | 'text_too_long'
  | 'room_not_found'
  | 'not_joined'
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
  | 'muted'
  | 'room_archived'
  | 'rate_limited'
  | 'unavailable'

/**
 * Why a frame was refused; `ref` points the client at the room or client_id
 */
export type FrameError = { code: ChatErrorCode; message: string; ref?: number | string }

/**
 * The outcome of parsing one text frame
 */
type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; error: FrameError }

const ROOM_FRAME_TYPES = [
  'join',
  'leave',
  'send',
  'edit',
  'delete',
  'pin',
  'unpin',
  'react',
  'unreact',
  'history',
  'replies',
  'typing',
  'read',
]
const MAX_CLIENT_ID_LENGTH = 64
const MAX_INTEGER = 2 ** 31 - 1

/**
 * Parses and validates one client text frame without trusting any field
 */
export function parseClientFrame(raw: string, limits: ChatLimits): ParsedFrame {
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return refuse('bad_json', 'Frame is not valid JSON')
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return refuse('invalid_frame', 'Frame must be a JSON object')
  }
  const fields = data as Record<string, unknown>
  if (!isStorableString(fields.type)) {
    return refuse('invalid_frame', '"type" must be a string of Unicode characters')
  }
  if (fields.type === 'ping') {
    return accept({ type: 'ping' })
  }
  if (fields.type === 'status') {
    return parseStatus(fields)
  }
  if (!ROOM_FRAME_TYPES.includes(fields.type)) {
    return refuse('unknown_type', `Unknown frame type "${fields.type}"`)
  }

  const room = fields.room
  if (!isId(room)) {
    return refuse('invalid_frame', '"room" must be a positive integer')
  }
  switch (fields.type) {
    case 'join':
      return parseJoin(fields, room)
    case 'send':
    case 'edit':
    case 'delete':
    case 'pin':
    case 'unpin':
    case 'react':
    case 'unreact':
      return parseWrite(fields, fields.type, room, limits)
    case 'history':
      return parseHistory(fields, room, limits)
    case 'replies':
      return parseReplies(fields, room, limits)
    case 'leave':
      return accept({ type: 'leave', room })
    case 'read':
      return parseRead(fields, room)
    default:
      return accept({ type: 'typing', room })
  }
}

/**
 * `status`: whether someone is using this socket (`active`) or not lately (`away`)
 */
function parseStatus(fields: Record<string, unknown>): ParsedFrame {
  if (fields.state !== 'active' && fields.state !== 'away') {
    return refuse('invalid_frame', '"state" must be "active" or "away"')
  }
  return accept({ type: 'status', state: fields.state })
}

/**
 * `read`: the reader saw the room up to `seq`
 */
function parseRead(fields: Record<string, unknown>, room: number): ParsedFrame {
  if (!(isInteger(fields.seq) && fields.seq >= 0)) {
    return refuse('invalid_frame', '"seq" must be a non-negative integer', room)
  }
  return accept({ type: 'read', room, seq: fields.seq })
}

function parseJoin(fields: Record<string, unknown>, room: number): ParsedFrame {
  const since = fields.since
  if (since !== undefined && !(isInteger(since) && since >= 0)) {
    return refuse('invalid_frame', '"since" must be a non-negative integer', room)
  }
  const batch = fields.batch
  if (batch !== undefined && typeof batch !== 'boolean') {
    return refuse('invalid_frame', '"batch" must be a boolean', room)
  }
  return accept({ type: 'join', room, since: since ?? null, batch: batch === true })
}

/**
 * `send`, `edit`, `delete`, `pin` and `unpin`: a client_id, then the target
 * seq (all but send), then the text (send, edit)
 */
function parseWrite(
  fields: Record<string, unknown>,
  type: 'send' | 'edit' | 'delete' | 'pin' | 'unpin' | 'react' | 'unreact',
  room: number,
  limits: ChatLimits
): ParsedFrame {
  const clientId = fields.client_id
  if (
    !isStorableString(clientId) ||
    clientId.length === 0 ||
    clientId.length > MAX_CLIENT_ID_LENGTH
  ) {
    return refuse('invalid_frame', '"client_id" must be a string of 1 to 64 characters', room)
  }
  if (type === 'send') {
    const replyTo = fields.reply_to ?? null
    if (replyTo !== null && !isId(replyTo)) {
      return refuse('invalid_frame', '"reply_to" must be a positive integer', clientId)
    }
    return withText(fields, clientId, limits, (text) => ({ type, room, clientId, text, replyTo }))
  }
  const target = fields.target
  if (!isId(target)) {
    return refuse('invalid_frame', '"target" must be a positive integer', clientId)
  }
  if (type === 'react' || type === 'unreact') {
    if (!isEmoji(fields.emoji)) {
      return refuse('invalid_frame', '"emoji" must be one Unicode emoji', clientId)
    }
    return accept({ type, room, clientId, target, emoji: fields.emoji })
  }
  if (type !== 'edit') {
    return accept({ type, room, clientId, target })
  }
  return withText(fields, clientId, limits, (text) => ({ type, room, clientId, target, text }))
}

/**
 * Checks `text` (storable; trimmed: 1 to `maxTextLength` characters) and
 * builds the frame with it
 */
function withText(
  fields: Record<string, unknown>,
  clientId: string,
  limits: ChatLimits,
  build: (text: string) => ClientFrame
): ParsedFrame {
  if (!isStorableString(fields.text)) {
    return refuse('invalid_frame', '"text" must be a string of Unicode characters', clientId)
  }
  const text = fields.text.trim()
  if (text.length === 0) {
    return refuse('text_empty', 'Message text is empty', clientId)
  }
  if (text.length > limits.maxTextLength) {
    return refuse(
      'text_too_long',
      `Message text is longer than ${limits.maxTextLength} characters`,
      clientId
    )
  }
  return accept(build(text))
}

function parseHistory(
  fields: Record<string, unknown>,
  room: number,
  limits: ChatLimits
): ParsedFrame {
  const { before, limit } = fields
  if (before !== undefined && !isId(before)) {
    return refuse('invalid_frame', '"before" must be a positive integer', room)
  }
  if (limit !== undefined && !(isInteger(limit) && limit >= 1 && limit <= limits.maxHistoryLimit)) {
    return refuse(
      'invalid_frame',
      `"limit" must be an integer from 1 to ${limits.maxHistoryLimit}`,
      room
    )
  }
  return accept({
    type: 'history',
    room,
    before: before ?? null,
    limit: limit ?? limits.defaultHistoryLimit,
  })
}

/**
 * `replies`: a page of the thread of message `target`, paged like `history`
 */
function parseReplies(
  fields: Record<string, unknown>,
  room: number,
  limits: ChatLimits
): ParsedFrame {
  if (!isId(fields.target)) {
    return refuse('invalid_frame', '"target" must be a positive integer', room)
  }
  const page = parseHistory(fields, room, limits)
  if (!page.ok || page.frame.type !== 'history') return page
  return accept({ ...page.frame, type: 'replies', target: fields.target })
}

/**
 * A string PostgreSQL stores as it is: well-formed UTF-16 (a lone surrogate,
 * sent as a JSON escape like `\ud800`, would be stored as U+FFFD, so a
 * resent client_id would never match its stored row) and no U+0000 (which
 * `text` cannot hold)
 */
function isStorableString(value: unknown): value is string {
  return typeof value === 'string' && value.isWellFormed() && !value.includes('\u0000')
}

/**
 * Room ids and seqs are 32-bit (PostgreSQL `integer`); a bigger number
 * can name nothing, and the database would refuse to compare with it
 */
function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_INTEGER
}

function isId(value: unknown): value is number {
  return isInteger(value) && value > 0
}

function accept(frame: ClientFrame): ParsedFrame {
  return { ok: true, frame }
}

function refuse(code: ChatErrorCode, message: string, ref?: number | string): ParsedFrame {
  return { ok: false, error: { code, message, ref } }
}

/**
 * One emoji as Unicode defines them (RGI: with skin tones, flags, ZWJ
 * sequences), never an image or a shortcode; at most 32 UTF-16 units
 */
export const EMOJI_PATTERN = /^\p{RGI_Emoji}$/v

/**
 * Whether `value` is one emoji (EMOJI_PATTERN)
 */
function isEmoji(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 32 && EMOJI_PATTERN.test(value)
}

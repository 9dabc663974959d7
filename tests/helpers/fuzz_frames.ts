import fc from 'fast-check'
import { DEFAULT_LIMITS } from '#chat/src/limits'
import { EMOJI_PATTERN } from '#chat/src/client_frames'

/**
 * A frame the fuzzer sends: text (a JS string, UTF-8 encoded by the client)
 * or raw bytes as a text or binary frame. `$ROOM` and `$MISSING` inside
 * text stand for the connection's room and a room that does not exist.
 */
export type FuzzFrame = { text: string } | { bytes: Uint8Array; binary: boolean }

/**
 * What the server must answer to one frame: the close code, the exact list
 * of non-`message` frames (`error:<code>`, `joined`, `ack`, …), or one of
 * several lists when the answer depends on what other sockets wrote to the
 * room meanwhile (an edit or delete); `acked` records an `ack` of those
 */
export type Expectation =
  { close: number } | { answers: string[] } | { oneOf: string[][]; acked(): void }

/**
 * What the oracle knows: the connection's own room and the rooms it joined,
 * and (shared by every connection) each existing room's stored client_ids
 * and the archived (read-only) rooms
 */
export type OracleState = {
  room: number
  joined: Set<number>
  rooms: Map<number, Set<string>>
  archived: Set<number>
}

const SPECIAL_CHARS = [
  '\u0000',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\uffff',
  '\u202e',
  '\u200d',
  '\u0301',
  '🦄',
  '\\',
  '"',
]
const PAYLOADS = [
  "' OR 1=1 --",
  "'); DROP TABLE messages; --",
  '<script>window.__xss=1</script>',
  '<img src=x onerror=alert(1)>',
  '{{ 7*7 }}',
  '%s%n%x',
  '$ROOM',
]

const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((unit) => String.fromCharCode(unit))
const edgeString = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      loneSurrogate,
      fc.constantFrom(...SPECIAL_CHARS),
      fc.constantFrom(...PAYLOADS)
    ),
    { maxLength: 6 }
  )
  .map((parts) => parts.join(''))
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 4 }), edgeString)
const roomValue = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('$ROOM', '$MISSING') },
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -1, -0, 1.5, 2 ** 53, 2 ** 31, 2 ** 31 - 1, 1e308, '1', null, true),
  anyValue
)
const counterValue = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 120 }) },
  fc.constantFrom(2 ** 53, 2 ** 31, 2 ** 31 - 1, 1e308, -0, 1.5, '3', null),
  anyValue
)
const textValue = fc.oneof(
  { weight: 4, arbitrary: edgeString },
  fc.constantFrom('', '   ', '\t\n', '\u0000', 'ok'),
  fc.integer({ min: 3995, max: 4005 }).map((length) => 'é'.repeat(length)),
  anyValue
)
const FRAME_TYPES = [
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
] as const
const typeValue = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...FRAME_TYPES, 'ping', 'status') },
  edgeString,
  anyValue
)

/** Frame-shaped objects: known and unknown types, fields present or not, right or wrong */
const shapedFrame = fc
  .tuple(
    fc.record(
      {
        type: typeValue,
        room: roomValue,
        since: counterValue,
        before: counterValue,
        limit: counterValue,
        target: counterValue,
        seq: counterValue,
        reply_to: counterValue,
        client_id: fc.oneof(fc.constantFrom('c-1', 'c-2'), edgeString, anyValue),
        text: textValue,
        state: fc.oneof(fc.constantFrom('active', 'away'), edgeString, anyValue),
      },
      { requiredKeys: [] }
    ),
    fc.dictionary(edgeString, anyValue, { maxKeys: 2 })
  )
  .map(([fields, extra]) => JSON.stringify({ ...extra, ...fields }))

/** Well-formed frames of the known types, one field at most swapped for junk */
const nearValidFrame = fc
  .tuple(
    fc.record(
      {
        type: fc.constantFrom(
          'join',
          'leave',
          'send',
          'send',
          'send',
          'edit',
          'delete',
          'history',
          'replies',
          'typing'
        ),
        room: fc.constantFrom('$ROOM', '$ROOM', '$ROOM', '$MISSING'),
        since: fc.nat({ max: 20 }),
        before: fc.integer({ min: 1, max: 20 }),
        limit: fc.integer({ min: 1, max: 100 }),
        target: fc.integer({ min: 1, max: 12 }),
        reply_to: fc.integer({ min: 1, max: 12 }),
        client_id: fc.oneof(fc.constantFrom('c-1', 'c-2', 'c-3', 'c-4', 'c-5'), edgeString),
        text: fc.oneof(edgeString, fc.constantFrom('hello', ' spaced ')),
      },
      { requiredKeys: ['type', 'room', 'client_id', 'text'] }
    ),
    fc.option(
      fc.tuple(
        fc.constantFrom(
          'type',
          'room',
          'since',
          'before',
          'limit',
          'target',
          'reply_to',
          'client_id',
          'text'
        ),
        anyValue
      )
    )
  )
  .map(([fields, junk]) => JSON.stringify(junk ? { ...fields, [junk[0]]: junk[1] } : fields))

/** A frame-shaped text with one character deleted, replaced or inserted, or cut short */
const mutatedFrame = fc
  .tuple(
    shapedFrame,
    fc.nat(),
    fc.constantFrom('delete', 'replace', 'insert', 'truncate'),
    edgeString
  )
  .map(([text, at, how, junk]) => {
    const index = at % (text.length + 1)
    if (how === 'truncate') return text.slice(0, index)
    const tail = text.slice(index + (how === 'insert' ? 0 : 1))
    return text.slice(0, index) + (how === 'delete' ? '' : junk) + tail
  })

/** Any frame the fuzzer may send; text frames dominate */
const anyFrame: fc.Arbitrary<FuzzFrame> = fc.oneof(
  { weight: 10, arbitrary: shapedFrame.map((text) => ({ text })) },
  { weight: 10, arbitrary: nearValidFrame.map((text) => ({ text })) },
  { weight: 6, arbitrary: mutatedFrame.map((text) => ({ text })) },
  { weight: 2, arbitrary: anyValue.map((value) => ({ text: JSON.stringify(value) ?? 'null' })) },
  { weight: 2, arbitrary: edgeString.map((text) => ({ text })) },
  fc
    .integer({ min: 1, max: 20_000 })
    .map((depth) => ({ text: '['.repeat(depth) + ']'.repeat(depth) })),
  fc
    .integer({ min: DEFAULT_LIMITS.maxPayload + 1, max: 3 * DEFAULT_LIMITS.maxPayload })
    .map((size) => ({
      text: JSON.stringify({ type: 'send', text: 'x'.repeat(size) }),
    })),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ bytes, binary: true })),
  fc
    .tuple(
      fc.uint8Array({ maxLength: 16 }),
      fc.constantFrom([0xed, 0xa0, 0x80], [0xff], [0xc3], [0xf8, 0x88])
    )
    .map(([prefix, invalid]) => ({
      bytes: Uint8Array.from([...prefix, ...invalid]),
      binary: false,
    }))
)

/**
 * What one socket sends: up to `max` frames, half the time after joining its room
 */
export function fuzzSequence(max: number) {
  return fc
    .tuple(fc.boolean(), fc.array(anyFrame, { minLength: 1, maxLength: max - 1 }))
    .map(([joinFirst, frames]) =>
      joinFirst ? [{ text: '{"type":"join","room":"$ROOM"}' }, ...frames] : frames
    )
}

/**
 * The text the server receives for a fuzz text frame, with the placeholders filled in
 */
export function wireText(frame: { text: string }, state: OracleState, missingRoom: number) {
  const text = frame.text
    .replaceAll('"$ROOM"', String(state.room))
    .replaceAll('"$MISSING"', String(missingRoom))
  return Buffer.from(text, 'utf8')
}

/**
 * What PROTOCOL.md says the server answers to `bytes` on this connection;
 * updates `state` as the server would
 */
export function expectedAnswer(bytes: Buffer, binary: boolean, state: OracleState): Expectation {
  if (bytes.length > DEFAULT_LIMITS.maxPayload) return { close: 1009 }
  if (binary) return { close: 1003 }
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
  let raw: string
  try {
    raw = text.decode(bytes)
  } catch {
    return { close: 1007 }
  }
  let data: any
  try {
    data = JSON.parse(raw)
  } catch {
    return refused('bad_json')
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || !isStorable(data.type)) {
    return refused('invalid_frame')
  }
  if (data.type === 'ping') return { answers: ['pong'] }
  if (data.type === 'status') {
    return data.state === 'active' || data.state === 'away'
      ? { answers: [] }
      : refused('invalid_frame')
  }
  if (!(FRAME_TYPES as readonly string[]).includes(data.type)) return refused('unknown_type')
  if (!isId(data.room)) return refused('invalid_frame')
  const room = data.room
  const joined = state.joined.has(room)
  switch (data.type) {
    case 'join':
      if (data.since !== undefined && !(isInteger(data.since) && data.since >= 0))
        return refused('invalid_frame')
      if (!state.rooms.has(room)) return refused('room_not_found')
      state.joined.add(room)
      return { answers: ['joined'] }
    case 'history':
      if (data.before !== undefined && !isId(data.before)) return refused('invalid_frame')
      if (
        data.limit !== undefined &&
        !(isInteger(data.limit) && data.limit >= 1 && data.limit <= 100)
      ) {
        return refused('invalid_frame')
      }
      return state.rooms.has(room) ? { answers: ['history'] } : refused('room_not_found')
    case 'replies':
      return expectedReplies(data, room, state)
    case 'send':
    case 'edit':
    case 'delete':
    case 'pin':
    case 'unpin':
    case 'react':
    case 'unreact':
      return expectedWrite(data, room, state)
    case 'leave':
      if (!joined) return refused('not_joined')
      state.joined.delete(room)
      return { answers: ['left'] }
    case 'read':
      if (!(isInteger(data.seq) && data.seq >= 0)) return refused('invalid_frame')
      return joined ? { answers: ['read'] } : refused('not_joined')
    default:
      return joined ? { answers: [] } : refused('not_joined')
  }
}

function expectedWrite(
  data: Record<string, unknown>,
  room: number,
  state: OracleState
): Expectation {
  const clientId = data.client_id
  if (!isStorable(clientId) || clientId.length === 0 || clientId.length > 64) {
    return refused('invalid_frame')
  }
  if (data.type !== 'send' && !isId(data.target)) return refused('invalid_frame')
  const replyTo = data.type === 'send' ? (data.reply_to ?? null) : null
  if (replyTo !== null && !isId(replyTo)) return refused('invalid_frame')
  if (data.type === 'react' || data.type === 'unreact') {
    const emoji = data.emoji
    if (typeof emoji !== 'string' || emoji.length > 32 || !EMOJI_PATTERN.test(emoji)) {
      return refused('invalid_frame')
    }
  } else if (data.type === 'send' || data.type === 'edit') {
    if (!isStorable(data.text)) return refused('invalid_frame')
    const text = data.text.trim()
    if (text.length === 0) return refused('text_empty')
    if (text.length > DEFAULT_LIMITS.maxTextLength) return refused('text_too_long')
  }
  if (!state.joined.has(room)) return refused('not_joined')
  // An archived room is read-only; deleting stays possible (moderation)
  if (state.archived.has(room) && data.type !== 'delete') return refused('room_archived')
  const stored = () => state.rooms.get(room)!.add(clientId)
  if (data.type === 'send' && replyTo === null) {
    stored()
    return { answers: ['ack'] }
  }
  if (data.type === 'send') {
    // whether the parent is a live message depends on what was written meanwhile
    return {
      oneOf: [['ack'], ['error:reply_parent_not_found'], ['error:reply_parent_deleted']],
      acked: stored,
    }
  }
  /*
   * Every socket is the same user, owner of every room, so an edit, delete
   * or pin is never forbidden; whether its target is a message, deleted or not,
   * depends on what other sockets joined to the room wrote meanwhile
   */
  const refusals: Record<string, string[]> = {
    pin: ['already_pinned'],
    unpin: ['not_pinned'],
    react: ['already_reacted', 'too_many_reactions'],
    unreact: ['not_reacted'],
  }
  return {
    oneOf: [
      ['ack'],
      ['error:message_not_found'],
      ['error:message_deleted'],
      ...(refusals[data.type as string] ?? []).map((code) => [`error:${code}`]),
    ],
    acked: stored,
  }
}

/**
 * `replies`: target, then the paging fields as `history` checks them, then the room and the
 * target (a message, or not yet)
 */
function expectedReplies(
  data: Record<string, unknown>,
  room: number,
  state: OracleState
): Expectation {
  if (!isId(data.target)) return refused('invalid_frame')
  if (data.before !== undefined && !isId(data.before)) return refused('invalid_frame')
  if (
    data.limit !== undefined &&
    !(isInteger(data.limit) && data.limit >= 1 && data.limit <= 100)
  ) {
    return refused('invalid_frame')
  }
  if (!state.rooms.has(room)) return refused('room_not_found')
  return { oneOf: [['replies'], ['error:message_not_found']], acked: () => {} }
}

function refused(code: string): Expectation {
  return { answers: [`error:${code}`] }
}

/**
 * Strings the server takes: well-formed UTF-16 (no lone surrogate, which
 * PostgreSQL would store as U+FFFD) without U+0000
 */
function isStorable(value: unknown): value is string {
  return typeof value === 'string' && value.isWellFormed() && !value.includes('\0')
}

function isInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 2 ** 31 - 1
}

function isId(value: unknown): value is number {
  return isInteger(value) && value > 0
}

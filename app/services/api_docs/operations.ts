import { ROOM_SETTINGS_OPERATIONS } from '#services/api_docs/room_settings_operations'

/**
 * A JSON Schema (OpenAPI 3.1 uses JSON Schema 2020-12)
 */
export type Schema = Record<string, unknown>

/**
 * A path, query or header parameter of an operation
 */
export type ApiParameter = {
  name: string
  in: 'path' | 'query' | 'header'
  required: boolean
  description: string
  schema: Schema
}

/**
 * One operation of the JSON API, as both the OpenAPI document and the
 * /api/docs page describe it. `path` is relative to /api/v1, in OpenAPI's
 * `{param}` form; `errors` are the statuses it may answer besides
 * 401/429 (listed once for every authenticated operation).
 */
export type ApiOperation = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  path: string
  tag:
    | 'Auth'
    | 'Rooms'
    | 'Members'
    | 'Invites'
    | 'Direct messages'
    | 'Moderation'
    | 'Administration'
    | 'Webhooks'
    | 'People'
    | 'Messages'
    | 'Search'
    | 'Chat'
    | 'Account'
    | 'Documentation'
  summary: string
  description?: string
  /** false: no bearer token needed */
  auth: boolean
  parameters?: ApiParameter[]
  /** JSON body fields: name → schema; `required` lists the mandatory ones */
  body?: { properties: Record<string, Schema>; required: string[] }
  /** The success status, what it returns and its schema (none for 204) */
  success: { status: number; description: string; schema?: Schema }
  errors: Array<{ status: number; description: string }>
}

const integer = (description: string, minimum = 1): Schema => ({
  type: 'integer',
  minimum,
  maximum: 2147483647,
  description,
})
const text = (maxLength: number, description: string, minLength = 1): Schema => ({
  type: 'string',
  minLength,
  maxLength,
  description,
})
const data = (schema: Schema): Schema => ({
  type: 'object',
  required: ['data'],
  properties: { data: schema },
})
const list = (schema: Schema): Schema => data({ type: 'array', items: schema })
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` })

const roomId: ApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The room id',
  schema: integer('Room id'),
}
const seq: ApiParameter = {
  name: 'seq',
  in: 'path',
  required: true,
  description: 'The seq of a message in the room’s log',
  schema: integer('Seq'),
}
const clientId = text(64, 'Makes a retry idempotent: the same id answers the entry already stored')

const notFound = {
  status: 404,
  description: 'E_ROW_NOT_FOUND: no such room, or a private room you are not a member of',
}
const notMember = {
  status: 409,
  description: 'E_NOT_MEMBER: you have not joined this room',
}
const invalid = {
  status: 422,
  description: 'E_VALIDATION_ERROR, one entry per field (`field`, `rule`)',
}
const throttled = {
  status: 429,
  description:
    'E_TOO_MANY_REQUESTS: over 20 message posts, edits and deletions in 2 s (Retry-After)',
}
const badJson = {
  status: 400,
  description: 'E_INVALID_JSON or E_UNSTORABLE_TEXT (U+0000, lone surrogates)',
}

const invite: Schema = {
  type: 'object',
  required: ['id', 'uses', 'maxUses', 'expiresAt', 'revokedAt', 'state'],
  properties: {
    id: { type: 'integer' },
    uses: { type: 'integer' },
    maxUses: { type: 'integer' },
    expiresAt: { type: 'string', format: 'date-time' },
    revokedAt: { type: ['string', 'null'], format: 'date-time' },
    state: { enum: ['active', 'expired', 'used_up', 'revoked'] },
  },
}
const notOwner = { status: 403, description: 'E_AUTHORIZATION_FAILURE: not the room’s owner' }
const notModerator = {
  status: 403,
  description: 'E_AUTHORIZATION_FAILURE: you do not moderate the room (owner, moderators, admin)',
}
const notAdmin = { status: 403, description: 'E_AUTHORIZATION_FAILURE: not an instance admin' }
const someone: Schema = {
  type: 'object',
  required: ['id', 'username'],
  properties: { id: { type: 'integer' }, username: { type: 'string' } },
}
const mute: Schema = {
  type: 'object',
  required: ['id', 'username', 'until'],
  properties: {
    id: { type: 'integer' },
    username: { type: 'string' },
    until: { type: 'string', format: 'date-time' },
  },
}
const userIdParameter = (description: string): ApiParameter => ({
  name: 'userId',
  in: 'path',
  required: true,
  description,
  schema: integer('User id'),
})

const person: Schema = {
  type: 'object',
  required: ['id', 'username', 'displayName', 'timeZone', 'avatarKey', 'directMessages'],
  properties: {
    id: { type: 'integer' },
    username: { type: 'string', description: 'For mentions (`@username`) and signing in' },
    displayName: {
      type: ['string', 'null'],
      description: 'Shown instead of the username when set',
    },
    timeZone: { type: ['string', 'null'], description: 'IANA time zone from their browser' },
    avatarKey: {
      type: ['string', 'null'],
      description:
        'Their picture: /avatars/{id}/{avatarKey}/{32|64|128} (WebP; with a bearer token or the session cookie), null for none',
    },
    directMessages: {
      type: 'boolean',
      description:
        'Whether POST /direct may name them (false: a webhook bot or a deactivated account)',
    },
  },
}

const conversation: Schema = {
  type: 'object',
  required: ['id', 'kind', 'title', 'people', 'lastSeq', 'createdAt'],
  properties: {
    id: { type: 'integer', description: 'The room id: read and post as in any room' },
    kind: { const: 'direct' },
    title: { type: 'string', description: 'The other people’s names, for the token’s user' },
    people: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'username', 'displayName'],
        properties: {
          id: { type: 'integer' },
          username: { type: 'string' },
          displayName: { type: ['string', 'null'] },
        },
      },
    },
    lastSeq: { type: 'integer' },
    createdAt: { type: 'string', format: 'date-time' },
  },
}

/**
 * Every operation of /api/v1, in the order the documentation lists them
 */
export const API_OPERATIONS: ApiOperation[] = [
  {
    method: 'post',
    path: '/auth/tokens',
    tag: 'Auth',
    summary: 'Create a 30-day bearer token',
    auth: false,
    body: {
      properties: { username: text(32, 'Your username'), password: text(128, 'Your password') },
      required: ['username', 'password'],
    },
    success: {
      status: 201,
      description: '`{type, token, expiresAt, user}`',
      schema: ref('TokenGrant'),
    },
    errors: [
      badJson,
      { status: 401, description: 'E_INVALID_CREDENTIALS' },
      invalid,
      { status: 429, description: 'E_TOO_MANY_REQUESTS: too many failed logins' },
      { status: 503, description: 'E_LOGIN_BUSY: too many logins waiting; see Retry-After' },
    ],
  },
  {
    method: 'delete',
    path: '/auth/tokens',
    tag: 'Auth',
    summary: 'Revoke the token used',
    auth: true,
    success: { status: 204, description: 'Revoked; its chat sockets close' },
    errors: [],
  },
  {
    method: 'get',
    path: '/rooms',
    tag: 'Rooms',
    summary: 'List the rooms you can see',
    auth: true,
    parameters: [
      {
        name: 'q',
        in: 'query',
        required: false,
        description: 'Name filter (accent-insensitive)',
        schema: text(64, 'Filter', 0),
      },
      {
        name: 'page',
        in: 'query',
        required: false,
        description: 'Page number',
        schema: { type: 'integer', minimum: 1, maximum: 10000 },
      },
    ],
    success: {
      status: 200,
      description: '`{data: [room], meta: {total, perPage, page, lastPage}}`',
      schema: ref('RoomPage'),
    },
    errors: [invalid],
  },
  {
    method: 'post',
    path: '/rooms',
    tag: 'Rooms',
    summary: 'Create a room',
    auth: true,
    body: {
      properties: {
        name: text(64, 'Unique (ignoring case) among public rooms, or among your private rooms'),
        description: text(500, 'Optional description', 0),
        visibility: { type: 'string', enum: ['public', 'private'], description: 'Default public' },
      },
      required: ['name'],
    },
    success: { status: 201, description: 'The room', schema: data(ref('Room')) },
    errors: [badJson, invalid],
  },
  {
    method: 'get',
    path: '/rooms/unread',
    tag: 'Rooms',
    summary: 'Your unread counts and mentions per joined room',
    description:
      'Only rooms you joined; a muted room (notification level `mentions` or `nothing`) counts mentions only.',
    auth: true,
    success: {
      status: 200,
      description: '`{data: [{room, unread, mentions}]}`',
      schema: list({ type: 'object' }),
    },
    errors: [],
  },
  {
    method: 'put',
    path: '/rooms/{id}/read',
    tag: 'Rooms',
    summary: 'Move your read marker forward',
    auth: true,
    parameters: [roomId],
    body: { properties: { seq: integer('The newest seq you have read', 0) }, required: ['seq'] },
    success: {
      status: 200,
      description: '`{data: {room, seq}}` (never back, never past the room’s last seq)',
      schema: data({ type: 'object' }),
    },
    errors: [badJson, notFound, invalid],
  },
  {
    method: 'get',
    path: '/rooms/{id}',
    tag: 'Rooms',
    summary: 'One room',
    auth: true,
    parameters: [roomId],
    success: { status: 200, description: 'The room', schema: data(ref('Room')) },
    errors: [notFound],
  },
  {
    method: 'delete',
    path: '/rooms/{id}',
    tag: 'Rooms',
    summary: 'Delete a room you own (with its log)',
    auth: true,
    parameters: [roomId],
    success: { status: 204, description: 'Deleted; people in it are told' },
    errors: [{ status: 403, description: 'Not the owner' }, notFound],
  },
  {
    method: 'get',
    path: '/rooms/{id}/members',
    tag: 'Members',
    summary: 'Members of a private room',
    auth: true,
    parameters: [roomId],
    success: {
      status: 200,
      description: '`{data: [{id, username, owner}]}`',
      schema: list(ref('Member')),
    },
    errors: [notFound],
  },
  {
    method: 'post',
    path: '/rooms/{id}/members',
    tag: 'Members',
    summary: 'Invite a user to your private room',
    auth: true,
    parameters: [roomId],
    body: {
      properties: { username: text(33, 'Who to invite (a leading “@” is ignored)') },
      required: ['username'],
    },
    success: { status: 201, description: 'The member', schema: data(ref('Member')) },
    errors: [
      badJson,
      { status: 403, description: 'Not the owner' },
      notFound,
      {
        status: 422,
        description: 'E_UNKNOWN_USER, E_ALREADY_MEMBER (`field: "username"`) or E_VALIDATION_ERROR',
      },
    ],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/members/{userId}',
    tag: 'Members',
    summary: 'Remove a member (owner), or leave (yourself)',
    auth: true,
    parameters: [
      roomId,
      {
        name: 'userId',
        in: 'path',
        required: true,
        description: 'The member’s user id',
        schema: integer('User id'),
      },
    ],
    success: { status: 204, description: 'Removed; their sockets stop receiving the room' },
    errors: [{ status: 403, description: 'Neither the owner nor yourself' }, notFound],
  },
  {
    method: 'get',
    path: '/rooms/{id}/membership',
    tag: 'Members',
    summary: 'Your membership of a room',
    auth: true,
    parameters: [roomId],
    success: {
      status: 200,
      description: '`{data: {room, favourite, notificationLevel, joinedAt}}`',
      schema: data(ref('Membership')),
    },
    errors: [notFound, notMember],
  },
  {
    method: 'put',
    path: '/rooms/{id}/membership',
    tag: 'Members',
    summary: 'Join a room',
    description:
      'Joined rooms are the ones with unread counts (`/rooms/unread`). Anyone joins a public room; a member of a private room already is one (invites add members).',
    auth: true,
    parameters: [roomId],
    success: {
      status: 201,
      description: 'Joined (200 with the same body when already a member)',
      schema: data(ref('Membership')),
    },
    errors: [notFound],
  },
  {
    method: 'patch',
    path: '/rooms/{id}/membership',
    tag: 'Members',
    summary: 'Favourite a room, or set its notification level',
    description:
      '`notificationLevel`: `all` (every message counts as unread), `mentions` (muted: only mentions of you count) or `nothing`.',
    auth: true,
    parameters: [roomId],
    body: {
      properties: {
        favourite: { type: 'boolean', description: 'Sorted first among your rooms' },
        notificationLevel: {
          enum: ['all', 'mentions', 'nothing'],
          description: 'What counts and notifies',
        },
      },
      required: [],
    },
    success: { status: 200, description: 'The membership', schema: data(ref('Membership')) },
    errors: [badJson, notFound, notMember, invalid],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/membership',
    tag: 'Members',
    summary: 'Leave a room',
    description:
      'A public room stays readable; leaving a private room loses it, and your sockets stop receiving it.',
    auth: true,
    parameters: [roomId],
    success: { status: 204, description: 'Left (also when you were not a member)' },
    errors: [{ status: 403, description: 'The owner of a private room cannot leave it' }, notFound],
  },
  {
    method: 'get',
    path: '/rooms/{id}/messages',
    tag: 'Messages',
    summary: 'Read the room’s log',
    description:
      'Every entry of the room’s sequence log (kinds `message`, `edit`, `delete`, `pin`, `unpin`, `react`, `unreact`; a reply is a `message` with `replyTo` and the quoted `parent`), in its current state. With `since`: entries after that seq, ascending (catching up; pass `meta.nextSince` again while `meta.hasMore`). Otherwise entries before `before` (or the newest), descending (scrolling back; pass `meta.nextBefore`). `since` and `before` cannot be combined.',
    auth: true,
    parameters: [
      roomId,
      {
        name: 'since',
        in: 'query',
        required: false,
        description: 'Entries after this seq, ascending',
        schema: integer('Seq', 0),
      },
      {
        name: 'before',
        in: 'query',
        required: false,
        description: 'Entries before this seq, descending',
        schema: integer('Seq'),
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Entries per page, default 50',
        schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
      },
    ],
    success: {
      status: 200,
      description: '`{data: [entry], meta: {order, hasMore, nextSince | nextBefore, lastSeq}}`',
      schema: ref('LogPage'),
    },
    errors: [notFound, invalid],
  },
  {
    method: 'post',
    path: '/rooms/{id}/messages',
    tag: 'Messages',
    summary: 'Post a message',
    description:
      'Appends a `message` entry; people in the room get it live over the chat socket. Send an `Idempotency-Key` to retry safely: the key becomes the entry’s `clientId`, and the same key with the same text answers the same entry (201, same seq, header `Idempotent-Replayed: true`, in its current state if edited since) without appending. The same key with another text, or a key already used as the `client_id` of another entry of yours in the room, is a 409 E_IDEMPOTENCY_KEY_REUSED. Without the header every request appends a new message. Rate-limited like the chat form.',
    auth: true,
    parameters: [
      roomId,
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Your unique id for this message (per room), 1–64 characters',
        schema: text(64, 'Idempotency key'),
      },
    ],
    body: {
      properties: {
        text: text(4000, 'Markdown; trimmed, 1–4000 characters'),
        reply_to: integer(
          'Seq of the message this one replies to (a reply to a reply joins its root’s thread)'
        ),
      },
      required: ['text'],
    },
    success: { status: 201, description: 'The `message` entry', schema: data(ref('LogEntry')) },
    errors: [
      badJson,
      { status: 403, description: 'E_MUTED: you are muted in the room' },
      notFound,
      { status: 409, description: 'E_IDEMPOTENCY_KEY_REUSED or E_ROOM_ARCHIVED' },
      {
        status: 422,
        description:
          'Validation errors, E_REPLY_PARENT_NOT_FOUND (`reply_to` is no message of the room) or E_REPLY_PARENT_DELETED',
      },
      throttled,
    ],
  },
  {
    method: 'get',
    path: '/rooms/{id}/messages/{seq}/replies',
    tag: 'Messages',
    summary: 'A message’s thread: its root and replies, oldest first',
    description:
      'The thread of message `seq` (of its root when `seq` is a reply): `root` with its `thread` count, and up to `limit` replies before `before`. Replies are also in the room’s log.',
    auth: true,
    parameters: [
      roomId,
      seq,
      {
        name: 'before',
        in: 'query',
        required: false,
        description: 'Replies before this seq (pass `meta.nextBefore`)',
        schema: integer('Seq'),
      },
      {
        name: 'limit',
        in: 'query',
        required: false,
        description: 'Replies per page, default 50',
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
      },
    ],
    success: {
      status: 200,
      description: '`{root: entry, data: [entry], meta: {hasMore, nextBefore}}`',
      schema: { type: 'object' },
    },
    errors: [{ status: 404, description: 'E_ROW_NOT_FOUND, E_MESSAGE_NOT_FOUND' }, invalid],
  },
  {
    method: 'patch',
    path: '/rooms/{id}/messages/{seq}',
    tag: 'Messages',
    summary: 'Edit your message',
    auth: true,
    parameters: [roomId, seq],
    body: {
      properties: { text: text(4000, 'The new text'), client_id: clientId },
      required: ['text'],
    },
    success: {
      status: 200,
      description: 'The `edit` entry appended to the log',
      schema: data(ref('LogEntry')),
    },
    errors: [
      badJson,
      { status: 403, description: 'E_MESSAGE_FORBIDDEN: not the author, or E_MUTED' },
      { status: 404, description: 'E_ROW_NOT_FOUND or E_MESSAGE_NOT_FOUND' },
      { status: 409, description: 'E_MESSAGE_DELETED or E_ROOM_ARCHIVED' },
      invalid,
      throttled,
    ],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/messages/{seq}',
    tag: 'Messages',
    summary: 'Delete a message (yours, or any in a room you moderate)',
    auth: true,
    parameters: [roomId, seq],
    body: { properties: { client_id: clientId }, required: [] },
    success: {
      status: 200,
      description: 'The `delete` entry appended to the log',
      schema: data(ref('LogEntry')),
    },
    errors: [
      badJson,
      { status: 403, description: 'E_MESSAGE_FORBIDDEN' },
      { status: 404, description: 'E_ROW_NOT_FOUND or E_MESSAGE_NOT_FOUND' },
      { status: 409, description: 'E_MESSAGE_DELETED' },
      invalid,
      throttled,
    ],
  },
  {
    method: 'get',
    path: '/rooms/{id}/messages/{seq}/reactions',
    tag: 'Messages',
    summary: 'A message’s reactions: each emoji with who reacted',
    auth: true,
    parameters: [roomId, seq],
    success: {
      status: 200,
      description:
        '`{data: [{emoji, users: [{id, username, displayName?}]}]}`, emoji in the order first used',
      schema: { type: 'object' },
    },
    errors: [{ status: 404, description: 'E_ROW_NOT_FOUND' }],
  },
  {
    method: 'post',
    path: '/rooms/{id}/messages/{seq}/reactions',
    tag: 'Messages',
    summary: 'React to a message with an emoji',
    description:
      'Appends a `react` entry (the emoji as its text) pointing at the message, replayed like edits. A message carries at most 20 different emoji, and one person at most 10 on it.',
    auth: true,
    parameters: [roomId, seq],
    body: {
      properties: {
        emoji: text(32, 'One Unicode emoji (skin tones, flags and ZWJ sequences too)'),
        client_id: clientId,
      },
      required: ['emoji'],
    },
    success: {
      status: 201,
      description: 'The `react` entry appended to the log',
      schema: data(ref('LogEntry')),
    },
    errors: [
      badJson,
      { status: 403, description: 'E_MUTED' },
      { status: 404, description: 'E_ROW_NOT_FOUND or E_MESSAGE_NOT_FOUND' },
      {
        status: 409,
        description: 'E_MESSAGE_DELETED, E_ALREADY_REACTED or E_ROOM_ARCHIVED',
      },
      { status: 422, description: 'E_TOO_MANY_REACTIONS or E_VALIDATION_ERROR' },
      throttled,
    ],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/messages/{seq}/reactions',
    tag: 'Messages',
    summary: 'Withdraw your reaction',
    auth: true,
    parameters: [roomId, seq],
    body: {
      properties: {
        emoji: text(32, 'One Unicode emoji (skin tones, flags and ZWJ sequences too)'),
        client_id: clientId,
      },
      required: ['emoji'],
    },
    success: {
      status: 200,
      description: 'The `unreact` entry appended to the log',
      schema: data(ref('LogEntry')),
    },
    errors: [
      badJson,
      { status: 403, description: 'E_MUTED' },
      { status: 404, description: 'E_ROW_NOT_FOUND or E_MESSAGE_NOT_FOUND' },
      { status: 409, description: 'E_MESSAGE_DELETED, E_NOT_REACTED or E_ROOM_ARCHIVED' },
      invalid,
      throttled,
    ],
  },
  {
    method: 'get',
    path: '/rooms/{id}/pins',
    tag: 'Messages',
    summary: 'The room’s pinned messages, newest pin first (at most 50)',
    auth: true,
    parameters: [roomId],
    success: {
      status: 200,
      description: '`{data: [{seq, user, text, html, pinnedAt}]}`',
      schema: { type: 'object' },
    },
    errors: [notFound],
  },
  {
    method: 'post',
    path: '/rooms/{id}/pins',
    tag: 'Messages',
    summary: 'Pin a message (whoever moderates the room)',
    description:
      'Appends a `pin` entry pointing at the message to the room’s log (replayed like edits); deleting a message unpins it.',
    auth: true,
    parameters: [roomId],
    body: {
      properties: { seq: integer('The message’s seq'), client_id: clientId },
      required: ['seq'],
    },
    success: {
      status: 201,
      description: 'The `pin` entry appended to the log',
      schema: data(ref('LogEntry')),
    },
    errors: [
      badJson,
      { status: 403, description: 'E_MESSAGE_FORBIDDEN: you do not moderate the room' },
      { status: 404, description: 'E_ROW_NOT_FOUND or E_MESSAGE_NOT_FOUND' },
      { status: 409, description: 'E_MESSAGE_DELETED, E_ALREADY_PINNED or E_ROOM_ARCHIVED' },
      invalid,
      throttled,
    ],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/pins/{seq}',
    tag: 'Messages',
    summary: 'Unpin a message (whoever moderates the room)',
    auth: true,
    parameters: [roomId, seq],
    body: { properties: { client_id: clientId }, required: [] },
    success: {
      status: 200,
      description: 'The `unpin` entry appended to the log',
      schema: data(ref('LogEntry')),
    },
    errors: [
      badJson,
      { status: 403, description: 'E_MESSAGE_FORBIDDEN: you do not moderate the room' },
      { status: 404, description: 'E_ROW_NOT_FOUND or E_MESSAGE_NOT_FOUND' },
      { status: 409, description: 'E_MESSAGE_DELETED, E_NOT_PINNED or E_ROOM_ARCHIVED' },
      invalid,
      throttled,
    ],
  },
  {
    method: 'get',
    path: '/search',
    tag: 'Search',
    summary: 'Search messages in rooms you can see',
    auth: true,
    parameters: [
      {
        name: 'q',
        in: 'query',
        required: true,
        description: 'Words to find, 3–200 characters',
        schema: text(200, 'Query', 3),
      },
      {
        name: 'room',
        in: 'query',
        required: false,
        description: 'Only this room',
        schema: integer('Room id'),
      },
      {
        name: 'page',
        in: 'query',
        required: false,
        description: 'Page number',
        schema: { type: 'integer', minimum: 1, maximum: 1000 },
      },
      {
        name: 'perPage',
        in: 'query',
        required: false,
        description: 'Results per page',
        schema: { type: 'integer', minimum: 1 },
      },
    ],
    success: {
      status: 200,
      description:
        '`{data: [{room, seq, author, createdAt, editedAt, snippet, url}], meta}`; `snippet` is escaped HTML with `<mark>`',
      schema: { type: 'object' },
    },
    errors: [notFound, invalid, { status: 503, description: 'E_SEARCH_TIMEOUT' }],
  },
  {
    method: 'post',
    path: '/chat/tickets',
    tag: 'Chat',
    summary: 'A short-lived ticket to open the chat WebSocket',
    auth: true,
    success: {
      status: 201,
      description: '`{ticket, url, expiresIn}`: see chat-service/PROTOCOL.md',
      schema: { type: 'object' },
    },
    errors: [],
  },
  {
    method: 'delete',
    path: '/account',
    tag: 'Account',
    summary: 'Delete your account (messages stay, as “deleted user N”)',
    auth: true,
    body: { properties: { password: text(128, 'Your current password') }, required: ['password'] },
    success: { status: 204, description: 'Deleted; every session, token and socket ends' },
    errors: [
      badJson,
      { status: 409, description: 'E_OWNS_ROOMS' },
      { status: 422, description: 'E_WRONG_PASSWORD or E_VALIDATION_ERROR' },
    ],
  },
  {
    method: 'put',
    path: '/account/password',
    tag: 'Account',
    summary: 'Change your password (ends every browser session)',
    auth: true,
    body: {
      properties: {
        currentPassword: text(128, 'Current password'),
        password: text(128, 'New password', 8),
        passwordConfirmation: text(128, 'New password again', 8),
      },
      required: ['currentPassword', 'password', 'passwordConfirmation'],
    },
    success: { status: 204, description: 'Changed' },
    errors: [
      badJson,
      {
        status: 422,
        description: 'E_WRONG_PASSWORD (`field: "currentPassword"`) or E_VALIDATION_ERROR',
      },
    ],
  },
  {
    method: 'get',
    path: '/account/sessions',
    tag: 'Account',
    summary: 'Your browser sessions',
    auth: true,
    success: {
      status: 200,
      description: '`{data: [{key, userAgent, ip, lastSeenAt, current}]}`',
      schema: list({ type: 'object' }),
    },
    errors: [],
  },
  {
    method: 'delete',
    path: '/account/sessions/{key}',
    tag: 'Account',
    summary: 'End one of your sessions',
    auth: true,
    parameters: [
      {
        name: 'key',
        in: 'path',
        required: true,
        description: 'The session key',
        schema: text(128, 'Session key'),
      },
    ],
    success: { status: 204, description: 'Ended; its chat sockets close' },
    errors: [{ status: 404, description: 'No such session' }],
  },
  {
    method: 'get',
    path: '/account/tokens',
    tag: 'Account',
    summary: 'Your API tokens',
    auth: true,
    success: {
      status: 200,
      description: '`{data: [{id, name, createdAt, lastUsedAt, expiresAt, current}]}`',
      schema: list({ type: 'object' }),
    },
    errors: [],
  },
  {
    method: 'delete',
    path: '/account/tokens/{id}',
    tag: 'Account',
    summary: 'Revoke one of your tokens',
    auth: true,
    parameters: [
      {
        name: 'id',
        in: 'path',
        required: true,
        description: 'The token id',
        schema: integer('Token id'),
      },
    ],
    success: { status: 204, description: 'Revoked; its chat sockets close' },
    errors: [{ status: 404, description: 'No such token' }],
  },
  {
    method: 'get',
    path: '/account/export',
    tag: 'Account',
    summary: 'Download your data as JSON',
    auth: true,
    success: {
      status: 200,
      description: 'A JSON attachment: profile, rooms, memberships, messages, read markers',
      schema: { type: 'object' },
    },
    errors: [],
  },
  {
    method: 'get',
    path: '/rooms/{id}/invites',
    tag: 'Invites',
    summary: 'The room’s invite links (owner only)',
    auth: true,
    parameters: [roomId],
    success: { status: 200, description: '`{data: [invite]}`, newest first', schema: list(invite) },
    errors: [notOwner, notFound],
  },
  {
    method: 'post',
    path: '/rooms/{id}/invites',
    tag: 'Invites',
    summary: 'Create an invite link to the room (owner only)',
    description:
      'The answer is the only time the token is shown: only its hash is stored. Someone who signs up with the link (or, signed in, follows it) becomes a member of a private room.',
    auth: true,
    parameters: [roomId],
    body: {
      properties: {
        maxUses: { type: 'integer', minimum: 1, maximum: 1000, description: 'How many uses' },
        expiresInDays: { type: 'integer', minimum: 1, maximum: 90, description: 'Valid for' },
      },
      required: ['maxUses', 'expiresInDays'],
    },
    success: {
      status: 201,
      description: '`{data: {...invite, token, url}}`',
      schema: data({
        allOf: [
          invite,
          {
            type: 'object',
            required: ['token', 'url'],
            properties: { token: { type: 'string' }, url: { type: 'string', format: 'uri' } },
          },
        ],
      }),
    },
    errors: [badJson, notOwner, notFound, invalid],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/invites/{inviteId}',
    tag: 'Invites',
    summary: 'Revoke an invite link (owner only)',
    auth: true,
    parameters: [
      roomId,
      {
        name: 'inviteId',
        in: 'path',
        required: true,
        description: 'The invite id',
        schema: integer('Invite id'),
      },
    ],
    success: { status: 204, description: 'Revoked: the link no longer works' },
    errors: [
      notOwner,
      { status: 404, description: 'E_ROW_NOT_FOUND: no active invite with this id' },
    ],
  },
  {
    method: 'get',
    path: '/direct',
    tag: 'Direct messages',
    summary: 'Your direct conversations',
    description:
      'Direct conversations are private rooms of kind `direct` whose members are their people: read, post and mark read through the room endpoints with their `id`. Nobody else finds them (404).',
    auth: true,
    success: { status: 200, description: '`{data: [conversation]}`', schema: list(conversation) },
    errors: [],
  },
  {
    method: 'post',
    path: '/direct',
    tag: 'Direct messages',
    summary: 'Open the direct conversation with these people',
    description:
      'One conversation per set of people (you included, at most 9): opening it again answers the same one with 200.',
    auth: true,
    body: {
      properties: {
        usernames: {
          type: 'array',
          minItems: 1,
          maxItems: 16,
          items: text(33, 'A username, with or without "@"'),
          description: 'The other people (your own name is ignored)',
        },
      },
      required: ['usernames'],
    },
    success: {
      status: 201,
      description: '`{data: conversation}` (200 when it existed)',
      schema: data(conversation),
    },
    errors: [
      badJson,
      {
        status: 422,
        description:
          'E_VALIDATION_ERROR; E_UNKNOWN_USER, E_NOT_REACHABLE (a webhook bot or a deactivated account), E_NO_OTHER_PEOPLE or E_TOO_MANY_PEOPLE (`field: "usernames"`)',
      },
    ],
  },
  {
    method: 'get',
    path: '/rooms/{id}/moderators',
    tag: 'Moderation',
    summary: 'The moderators of a room (its owner is always one)',
    auth: true,
    parameters: [roomId],
    success: { status: 200, description: '`{data: [{id, username}]}`', schema: list(someone) },
    errors: [notModerator, notFound],
  },
  {
    method: 'post',
    path: '/rooms/{id}/moderators',
    tag: 'Moderation',
    summary: 'Make someone who can see the room its moderator (owner only)',
    auth: true,
    parameters: [roomId],
    body: {
      properties: { username: text(33, 'Who (a leading “@” is ignored)') },
      required: ['username'],
    },
    success: { status: 201, description: '`{data: {id, username}}`', schema: data(someone) },
    errors: [
      badJson,
      notOwner,
      notFound,
      {
        status: 422,
        description:
          'E_UNKNOWN_USER, E_NOT_IN_ROOM, E_ALREADY_MODERATOR (`field: "username"`) or E_VALIDATION_ERROR',
      },
    ],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/moderators/{userId}',
    tag: 'Moderation',
    summary: 'Dismiss a moderator (owner only)',
    auth: true,
    parameters: [roomId, userIdParameter('The moderator’s user id')],
    success: { status: 204, description: 'Dismissed' },
    errors: [notOwner, { status: 404, description: 'E_ROW_NOT_FOUND or E_NOT_MODERATOR' }],
  },
  {
    method: 'get',
    path: '/rooms/{id}/mutes',
    tag: 'Moderation',
    summary: 'The mutes still running in a room (moderators)',
    auth: true,
    parameters: [roomId],
    success: { status: 200, description: '`{data: [{id, username, until}]}`', schema: list(mute) },
    errors: [notModerator, notFound],
  },
  {
    method: 'post',
    path: '/rooms/{id}/mutes',
    tag: 'Moderation',
    summary: 'Mute someone in a room for a time (moderators)',
    description:
      'Until `until`, their posts and edits in the room are refused (HTTP 403 `E_MUTED`, the socket’s `muted` error) and their sockets get a `muted` frame. A new mute replaces a running one. Owner, moderators and the admin cannot be muted.',
    auth: true,
    parameters: [roomId],
    body: {
      properties: {
        username: text(33, 'Who (a leading “@” is ignored)'),
        minutes: { enum: [10, 60, 1440, 10080], description: 'How long' },
      },
      required: ['username', 'minutes'],
    },
    success: { status: 201, description: '`{data: {id, username, until}}`', schema: data(mute) },
    errors: [
      badJson,
      notModerator,
      notFound,
      {
        status: 422,
        description:
          'E_UNKNOWN_USER, E_NOT_IN_ROOM, E_MODERATES_ROOM, E_OWN_ACCOUNT (`field: "username"`) or E_VALIDATION_ERROR',
      },
    ],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/mutes/{userId}',
    tag: 'Moderation',
    summary: 'End a mute (moderators)',
    auth: true,
    parameters: [roomId, userIdParameter('The muted user’s id')],
    success: {
      status: 204,
      description: 'Ended; their sockets get a `muted` frame with `until: null`',
    },
    errors: [notModerator, { status: 404, description: 'E_ROW_NOT_FOUND or E_NOT_MUTED' }],
  },
  {
    method: 'get',
    path: '/admin/users',
    tag: 'Administration',
    summary: 'Accounts, newest first, 25 a page (instance admin)',
    auth: true,
    parameters: [
      {
        name: 'q',
        in: 'query',
        required: false,
        description: 'Words the username or display name contains (ignoring case and accents)',
        schema: text(100, 'Search', 0),
      },
      {
        name: 'page',
        in: 'query',
        required: false,
        description: 'Page number',
        schema: integer('Page'),
      },
    ],
    success: {
      status: 200,
      description: '`{data: [{id, username, displayName, admin, deactivated, createdAt}], meta}`',
      schema: { type: 'object' },
    },
    errors: [notAdmin, invalid],
  },
  {
    method: 'post',
    path: '/admin/users/{userId}/deactivation',
    tag: 'Administration',
    summary: 'Deactivate an account (instance admin)',
    description:
      'At once: its sessions end, its API tokens are revoked, its chat sockets close with 1008, and signing in answers 403 `E_ACCOUNT_DEACTIVATED`. Its messages and rooms stay.',
    auth: true,
    parameters: [userIdParameter('The account’s user id')],
    success: { status: 204, description: 'Deactivated' },
    errors: [
      notAdmin,
      { status: 404, description: 'E_ROW_NOT_FOUND: no such account' },
      { status: 422, description: 'E_OWN_ACCOUNT: not your own account' },
    ],
  },
  {
    method: 'delete',
    path: '/admin/users/{userId}/deactivation',
    tag: 'Administration',
    summary: 'Reactivate an account (instance admin)',
    auth: true,
    parameters: [userIdParameter('The account’s user id')],
    success: { status: 204, description: 'It can sign in again' },
    errors: [notAdmin, { status: 404, description: 'E_ROW_NOT_FOUND: no such account' }],
  },
  {
    method: 'get',
    path: '/people/{username}',
    tag: 'People',
    summary: 'A person’s profile',
    auth: true,
    parameters: [
      {
        name: 'username',
        in: 'path',
        required: true,
        description: 'Their username, ignoring case',
        schema: text(32, 'Username'),
      },
    ],
    success: { status: 200, description: '`{data: person}`', schema: data(person) },
    errors: [{ status: 404, description: 'E_ROW_NOT_FOUND: no such person' }],
  },
  {
    method: 'put',
    path: '/account/profile',
    tag: 'People',
    summary: 'Change your display name and/or time zone',
    auth: true,
    body: {
      properties: {
        displayName: {
          type: ['string', 'null'],
          maxLength: 64,
          description: 'Trimmed; empty or null shows your username (no control characters)',
        },
        timeZone: {
          type: ['string', 'null'],
          maxLength: 64,
          description: 'An IANA time zone such as "Asia/Ho_Chi_Minh"',
        },
      },
      required: [],
    },
    success: { status: 200, description: '`{data: person}`', schema: data(person) },
    errors: [badJson, invalid],
  },
  {
    method: 'get',
    path: '/rooms/{id}/webhooks',
    tag: 'Webhooks',
    summary: 'The room’s webhooks (whoever moderates the room)',
    auth: true,
    parameters: [roomId],
    success: {
      status: 200,
      description:
        '`{data: [{id, direction, name, url, failures, lastError, lastDeliveredAt, createdAt}]}` (never a token or secret)',
      schema: { type: 'object' },
    },
    errors: [notModerator, notFound],
  },
  {
    method: 'post',
    path: '/rooms/{id}/webhooks',
    tag: 'Webhooks',
    summary: 'Add an incoming or outgoing webhook (whoever moderates the room)',
    description:
      'Incoming: answers the secret `url` scripts POST `{text, client_id?}` to (posting as a bot named after the webhook). Outgoing: each new message of the room (not a bot’s) is POSTed as JSON to `url`, signed: `X-Roomchat-Signature: sha256=HMAC(secret, "<X-Roomchat-Timestamp>.<body>")`; failures are retried after 10 s, 1 min, 5 min, 30 min and 2 h. The URL must reach a public address (loopback, private, link-local and reserved ranges are refused, also when connecting) unless the operator sets WEBHOOKS_ALLOW_PRIVATE_TARGETS. The url or secret is shown only in this answer.',
    auth: true,
    parameters: [roomId],
    body: {
      properties: {
        direction: { enum: ['incoming', 'outgoing'] },
        name: text(64, 'Shown as the bot’s name (incoming) or in the list'),
        url: text(2000, 'Outgoing only: http or https'),
      },
      required: ['direction', 'name'],
    },
    success: {
      status: 201,
      description: '`{data: {id, direction, name, url, secret?}}`',
      schema: { type: 'object' },
    },
    errors: [
      badJson,
      notModerator,
      notFound,
      {
        status: 422,
        description:
          'E_WEBHOOK_TARGET_PRIVATE, E_WEBHOOK_HOST_UNKNOWN, E_WEBHOOK_URL_INVALID (`field: "url"`), E_TOO_MANY_WEBHOOKS or E_VALIDATION_ERROR',
      },
    ],
  },
  {
    method: 'delete',
    path: '/rooms/{id}/webhooks/{webhookId}',
    tag: 'Webhooks',
    summary: 'Delete a webhook (whoever moderates the room)',
    auth: true,
    parameters: [
      roomId,
      {
        name: 'webhookId',
        in: 'path',
        required: true,
        description: 'The webhook’s id',
        schema: integer('Webhook id'),
      },
    ],
    success: { status: 204, description: 'Deleted (its pending deliveries too)' },
    errors: [notModerator, { status: 404, description: 'E_ROW_NOT_FOUND or E_WEBHOOK_NOT_FOUND' }],
  },
  {
    method: 'post',
    path: '/hooks/{token}',
    tag: 'Webhooks',
    summary: 'Post through an incoming webhook (its secret URL; no other credentials)',
    auth: false,
    parameters: [
      {
        name: 'token',
        in: 'path',
        required: true,
        description: 'The secret part of the webhook’s URL',
        schema: text(100, 'Token'),
      },
    ],
    body: {
      properties: { text: text(4000, 'The message (markdown)'), client_id: clientId },
      required: ['text'],
    },
    success: {
      status: 201,
      description: 'The stored `message` entry (the same one again for a repeated client_id)',
      schema: data(ref('LogEntry')),
    },
    errors: [
      badJson,
      { status: 404, description: 'E_ROW_NOT_FOUND: no such webhook' },
      { status: 409, description: 'E_ROOM_ARCHIVED' },
      invalid,
      { status: 429, description: 'E_TOO_MANY_REQUESTS: over 30 posts a minute (Retry-After)' },
    ],
  },
  {
    method: 'get',
    path: '/openapi.json',
    tag: 'Documentation',
    summary: 'This OpenAPI 3.1 description',
    auth: false,
    success: { status: 200, description: 'The OpenAPI document', schema: { type: 'object' } },
    errors: [],
  },
  ...ROOM_SETTINGS_OPERATIONS,
]

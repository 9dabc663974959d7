import type { ApiOperation, ApiParameter, Schema } from '#services/api_docs/operations'

const roomId: ApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The room id',
  schema: { type: 'integer', minimum: 1, maximum: 2147483647, description: 'Room id' },
}
const room: Schema = {
  type: 'object',
  required: ['data'],
  properties: { data: { $ref: '#/components/schemas/Room' } },
}
const errors = [
  { status: 400, description: 'E_INVALID_JSON' },
  {
    status: 403,
    description:
      'E_AUTHORIZATION_FAILURE: only the owner or the admin change settings (moderators the topic), never of a direct conversation',
  },
  {
    status: 404,
    description: 'E_ROW_NOT_FOUND: no such room, or a private room you are not a member of',
  },
]

/**
 * The room settings operations: each change appends a system entry (kinds
 * `rename`, `topic`, `visibility`, `owner`, `archive`, `unarchive`) to the
 * room's log
 */
export const ROOM_SETTINGS_OPERATIONS: ApiOperation[] = [
  {
    method: 'patch',
    path: '/rooms/{id}',
    tag: 'Rooms',
    summary: 'Change a room’s settings',
    description:
      'Each field given that differs appends a system entry to the room’s log (`rename`, `topic`, `visibility`, `archive`/`unarchive`), replayed like messages. Making a room private cuts off the open sockets of non-members at once; an archived room refuses posts, edits, pins and reactions (409 E_ROOM_ARCHIVED). The owner and the admin change everything; moderators the topic only.',
    auth: true,
    parameters: [roomId],
    body: {
      properties: {
        name: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
          description:
            'Unique (ignoring case) among public rooms, or among the owner’s private rooms',
        },
        description: {
          type: ['string', 'null'],
          maxLength: 500,
          description: 'The topic; empty or null: none',
        },
        visibility: { type: 'string', enum: ['public', 'private'] },
        archived: { type: 'boolean', description: 'true: read-only; false: writable again' },
      },
      required: [],
    },
    success: { status: 200, description: 'The room as it now is', schema: room },
    errors: [
      ...errors,
      {
        status: 422,
        description:
          'E_VALIDATION_ERROR (per field), or E_ROOM_NAME_TAKEN: the name is taken in its scope',
      },
    ],
  },
  {
    method: 'put',
    path: '/rooms/{id}/owner',
    tag: 'Rooms',
    summary: 'Hand a room to another member',
    description:
      'The new owner must be a member; the old one stays a member. Appends an `owner` entry (its text the new owner’s username). Owner or admin only.',
    auth: true,
    parameters: [roomId],
    body: {
      properties: {
        username: {
          type: 'string',
          minLength: 1,
          maxLength: 33,
          description: 'The new owner (a leading “@” is ignored)',
        },
      },
      required: ['username'],
    },
    success: { status: 200, description: 'The room with its new owner', schema: room },
    errors: [
      ...errors,
      {
        status: 422,
        description:
          'E_VALIDATION_ERROR, E_UNKNOWN_USER, E_NOT_MEMBER, E_ALREADY_OWNER, or E_ROOM_NAME_TAKEN (the new owner has a private room of that name)',
      },
    ],
  },
]

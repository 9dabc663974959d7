import { API_OPERATIONS, type ApiOperation, type Schema } from '#services/api_docs/operations'

const errorsSchema: Schema = {
  type: 'object',
  required: ['errors'],
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: { type: 'string', examples: ['E_VALIDATION_ERROR'] },
          message: { type: 'string' },
          field: { type: 'string' },
          rule: { type: 'string' },
        },
      },
    },
  },
}

const user: Schema = {
  type: 'object',
  required: ['id', 'username'],
  properties: { id: { type: 'integer' }, username: { type: 'string' } },
}

const nullableDate: Schema = { type: ['string', 'null'], format: 'date-time' }

/**
 * The shared shapes the operations refer to
 */
const schemas: Record<string, Schema> = {
  Errors: errorsSchema,
  Room: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      name: { type: 'string' },
      description: { type: ['string', 'null'] },
      visibility: { enum: ['public', 'private'] },
      kind: { enum: ['room', 'direct'], description: '`direct`: a direct conversation' },
      archived: { type: 'boolean', description: 'Read-only until unarchived' },
      owner: { oneOf: [user, { type: 'null' }], description: 'null for a direct conversation' },
      lastSeq: { type: 'integer', description: 'The seq of the newest log entry' },
      createdAt: { type: 'string', format: 'date-time' },
    },
  },
  RoomPage: {
    type: 'object',
    properties: {
      data: { type: 'array', items: { $ref: '#/components/schemas/Room' } },
      meta: {
        type: 'object',
        properties: {
          total: { type: 'integer' },
          perPage: { type: 'integer' },
          page: { type: 'integer' },
          lastPage: { type: 'integer' },
        },
      },
    },
  },
  Member: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      username: { type: 'string' },
      owner: { type: 'boolean', description: 'Always false in a direct conversation' },
    },
  },
  Membership: {
    type: 'object',
    properties: {
      room: { type: 'integer' },
      favourite: { type: 'boolean' },
      notificationLevel: { enum: ['all', 'mentions', 'nothing'] },
      joinedAt: { type: 'string', format: 'date-time' },
    },
  },
  TokenGrant: {
    type: 'object',
    properties: {
      type: { const: 'bearer' },
      token: { type: 'string' },
      expiresAt: nullableDate,
      user,
    },
  },
  LogEntry: {
    type: 'object',
    description:
      'One entry of a room’s sequence log, in its current state. A reply is a `message` entry with `replyTo` and `parent`; a thread’s root read with its thread carries `thread`.',
    required: ['id', 'roomId', 'seq', 'kind', 'target', 'user', 'text', 'html', 'clientId'],
    properties: {
      id: { type: 'integer' },
      roomId: { type: 'integer' },
      seq: { type: 'integer', description: 'Position in the room’s log, from 1, gap-free' },
      kind: {
        enum: [
          ...['message', 'edit', 'delete', 'pin', 'unpin', 'react', 'unreact'],
          ...['rename', 'topic', 'visibility', 'owner', 'archive', 'unarchive'],
        ],
      },
      target: { type: ['integer', 'null'], description: 'The seq an edit or delete changes' },
      user,
      text: { type: 'string', description: 'Markdown source (empty once deleted)' },
      html: { type: 'string', description: 'Rendered, sanitized HTML (empty once deleted)' },
      clientId: { type: ['string', 'null'], description: 'The sender’s idempotency key' },
      createdAt: { type: 'string', format: 'date-time' },
      editedAt: nullableDate,
      deleted: { type: 'boolean' },
      attachment: {
        type: ['object', 'null'],
        description:
          'The message’s file (download: GET /attachments/{id}, thumbnail: GET /attachments/{id}/thumbnail, with the session cookie or a bearer token); null without one',
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          type: { type: 'string', description: 'Sniffed from the content' },
          size: { type: 'integer', description: 'Bytes' },
          width: { type: ['integer', 'null'] },
          height: { type: ['integer', 'null'] },
          thumbnail: { type: 'boolean' },
        },
      },
      replyTo: {
        type: 'integer',
        description: 'Replies only: the seq of the thread’s root this message answers',
      },
      parent: {
        type: 'object',
        description:
          'Replies only: the root as quoted now (its author, its first 100 characters, empty once deleted)',
        properties: { user, text: { type: 'string' }, deleted: { type: 'boolean' } },
      },
      thread: {
        type: 'object',
        description: 'A root read with its thread: how many replies, when the newest came',
        properties: {
          count: { type: 'integer' },
          lastAt: { type: 'string', format: 'date-time' },
        },
      },
    },
  },
  LogPage: {
    type: 'object',
    properties: {
      data: { type: 'array', items: { $ref: '#/components/schemas/LogEntry' } },
      meta: {
        type: 'object',
        required: ['order', 'hasMore', 'lastSeq'],
        properties: {
          order: { enum: ['asc', 'desc'] },
          hasMore: { type: 'boolean' },
          nextSince: { type: 'integer', description: 'Ascending pages: `since` of the next page' },
          nextBefore: {
            type: ['integer', 'null'],
            description: 'Descending pages: `before` of the older page, null at the start',
          },
          lastSeq: { type: 'integer', description: 'The room’s newest seq' },
        },
      },
    },
  },
}

/**
 * The refusal of a body that is not JSON (ApiBodyTypeMiddleware)
 */
const unsupportedBody = {
  status: 415,
  description:
    'E_UNSUPPORTED_MEDIA_TYPE: the body is not sent as JSON (Content-Type: application/json)',
}

/**
 * The OpenAPI operation object of one operation
 */
function toOperation(operation: ApiOperation) {
  const responses: Record<string, unknown> = {
    [operation.success.status]: {
      description: operation.success.description,
      ...(operation.success.schema && {
        content: { 'application/json': { schema: operation.success.schema } },
      }),
    },
  }
  const errors = [
    ...operation.errors,
    ...(operation.auth
      ? [{ status: 401, description: 'E_UNAUTHORIZED_ACCESS: no or invalid bearer token' }]
      : []),
    ...(operation.body ? [unsupportedBody] : []),
  ]
  for (const error of errors) {
    responses[error.status] = {
      description: error.description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Errors' } } },
    }
  }
  return {
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description && { description: operation.description }),
    operationId: `${operation.method}${operation.path.replace(/[^a-zA-Z]+(\w)?/g, (_, c = '') => c.toUpperCase())}`,
    security: operation.auth ? [{ bearer: [] }] : [],
    ...(operation.parameters && { parameters: operation.parameters }),
    ...(operation.body && {
      requestBody: {
        required: operation.body.required.length > 0,
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: operation.body.required,
              properties: operation.body.properties,
            },
          },
        },
      },
    }),
    responses,
  }
}

/**
 * The OpenAPI 3.1 description of /api/v1, built from API_OPERATIONS (the
 * hand-maintained list a functional spec checks against the router)
 */
export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const operation of API_OPERATIONS) {
    paths[operation.path] ??= {}
    paths[operation.path][operation.method] = toOperation(operation)
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Roomchat JSON API',
      version: '1',
      description:
        'Bearer-token API for scripts and non-browser clients. Errors are `{errors: [{code, message, field?, rule?}]}`; any authenticated request may also answer 401, and rate-limited ones 429 E_TOO_MANY_REQUESTS with Retry-After. Private rooms are 404 to non-members everywhere. Live updates come over the chat WebSocket (POST /chat/tickets, chat-service/PROTOCOL.md).',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas,
    },
    paths,
  }
}

import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { Attachment, EntryKind, StoredMessage } from '#chat/src/message_store'
import { PARENT_COLUMNS, replyOf, type ParentColumns } from '#chat/adapters/lucid_reply_rows'

/**
 * A messages row joined with its author's username, display name and avatar
 * key, and its attachment's details (null columns without one)
 */
export type MessageRow = {
  id: number
  room_id: number
  seq: number
  kind: EntryKind
  target_seq: number | null
  user_id: number
  username: string
  display_name: string | null
  avatar_key: string | null
  client_id: string | null
  body: string
  body_html: string
  created_at: Date
  edited_at: Date | null
  deleted_at: Date | null
  attachment_id: number | null
  attachment_name: string | null
  attachment_type: string | null
  attachment_size: number | null
  attachment_width: number | null
  attachment_height: number | null
  attachment_thumbnail_key: string | null
} & ParentColumns

/**
 * The query client the message store reads and writes through: the Lucid
 * database service, one of its connections, or a transaction
 */
type MessageQueryClient = Pick<QueryClientContract, 'from'>

const MESSAGE_COLUMNS = [
  'messages.id',
  'messages.room_id',
  'messages.seq',
  'messages.kind',
  'messages.target_seq',
  'messages.user_id',
  'users.username',
  'users.display_name',
  'users.avatar_key',
  'messages.client_id',
  'messages.body',
  'messages.body_html',
  'messages.created_at',
  'messages.edited_at',
  'messages.deleted_at',
  'messages.attachment_id',
  'attachments.name as attachment_name',
  'attachments.mime_type as attachment_type',
  'attachments.size as attachment_size',
  'attachments.width as attachment_width',
  'attachments.height as attachment_height',
  'attachments.thumbnail_key as attachment_thumbnail_key',
  ...PARENT_COLUMNS,
]

/**
 * The log entries of a room with their authors and attachments, ready to
 * filter and order
 */
export function selectEntries(client: MessageQueryClient, room: number) {
  return client
    .from('messages')
    .join('users', 'users.id', 'messages.user_id')
    .leftJoin('attachments', 'attachments.id', 'messages.attachment_id')
    .leftJoin('messages as parent', (join) =>
      join.on('parent.room_id', 'messages.room_id').andOn('parent.seq', 'messages.reply_to')
    )
    .leftJoin('users as parent_user', 'parent_user.id', 'parent.user_id')
    .select(MESSAGE_COLUMNS)
    .where('messages.room_id', room)
}

/**
 * The entry `user` stored in `room` with `clientId`, if any
 */
export async function findByClientId(
  client: MessageQueryClient,
  entry: { room: number; user: { id: number }; clientId: string }
) {
  const row: MessageRow | null = await selectEntries(client, entry.room)
    .where('messages.user_id', entry.user.id)
    .where('messages.client_id', entry.clientId)
    .first()
  return row ? toStoredMessage(row) : null
}

/**
 * A row as the chat's port shapes it
 */
export function toStoredMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    room: row.room_id,
    seq: row.seq,
    kind: row.kind,
    target: row.target_seq,
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      avatarKey: row.avatar_key,
    },
    text: row.body,
    html: row.body_html,
    clientId: row.client_id,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    deleted: row.deleted_at !== null,
    attachment: attachmentOf(row),
    ...replyOf(row),
  }
}

function attachmentOf(row: MessageRow): Attachment | null {
  if (row.attachment_id === null) {
    return null
  }
  return {
    id: row.attachment_id,
    name: row.attachment_name!,
    type: row.attachment_type!,
    size: row.attachment_size!,
    width: row.attachment_width,
    height: row.attachment_height,
    thumbnail: row.attachment_thumbnail_key !== null,
  }
}

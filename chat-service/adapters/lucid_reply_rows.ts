import type { StoredMessage } from '#chat/src/message_store'
import { replyExcerpt } from '#chat/src/replies'

/**
 * The columns a messages row carries about the message it replies to
 * (`parent`, joined with its author as `parent_user`; null without one)
 */
export type ParentColumns = {
  reply_to: number | null
  parent_user_id: number | null
  parent_username: string | null
  parent_display_name: string | null
  parent_avatar_key: string | null
  parent_body: string | null
  parent_deleted_at: Date | null
}

/**
 * PARENT_COLUMNS as select expressions of `selectEntries`
 */
export const PARENT_COLUMNS = [
  'messages.reply_to',
  'parent.user_id as parent_user_id',
  'parent_user.username as parent_username',
  'parent_user.display_name as parent_display_name',
  'parent_user.avatar_key as parent_avatar_key',
  'parent.body as parent_body',
  'parent.deleted_at as parent_deleted_at',
]

/**
 * The `reply` of a row that answers a message (nothing for other rows)
 */
export function replyOf(row: ParentColumns): Pick<StoredMessage, 'reply'> {
  if (row.reply_to === null || row.parent_user_id === null) return {}
  return {
    reply: {
      to: Number(row.reply_to),
      parent: {
        user: {
          id: row.parent_user_id,
          username: row.parent_username!,
          displayName: row.parent_display_name,
          avatarKey: row.parent_avatar_key,
        },
        text: replyExcerpt(row.parent_body ?? ''),
        deleted: row.parent_deleted_at !== null,
      },
    },
  }
}

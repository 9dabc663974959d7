import type { StoredMessage } from '#chat/index'

/**
 * The JSON fields of a reply (`replyTo`, the quoted `parent`) and of a
 * thread's root (`thread`), present only on those entries
 */
export function replyFields(entry: StoredMessage) {
  const { reply, thread } = entry
  return {
    ...(reply && {
      replyTo: reply.to,
      parent: {
        user: { id: reply.parent.user.id, username: reply.parent.user.username },
        text: reply.parent.text,
        deleted: reply.parent.deleted,
      },
    }),
    ...(thread && { thread: { count: thread.count, lastAt: thread.lastAt.toISOString() } }),
  }
}

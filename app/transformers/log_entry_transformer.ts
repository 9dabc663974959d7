import { BaseTransformer } from '@adonisjs/core/transformers'
import type { StoredMessage } from '#chat/index'
import { replyFields } from '#transformers/reply_fields'

/**
 * The public JSON shape of an entry of a room's log (a message, or an edit, delete, pin or unpin of one)
 */
export default class LogEntryTransformer extends BaseTransformer<StoredMessage> {
  toObject() {
    const entry = this.resource
    return {
      id: entry.id,
      roomId: entry.room,
      seq: entry.seq,
      kind: entry.kind,
      target: entry.target,
      user: { id: entry.user.id, username: entry.user.username },
      text: entry.text,
      html: entry.html,
      clientId: entry.clientId,
      createdAt: entry.createdAt.toISOString(),
      editedAt: entry.editedAt?.toISOString() ?? null,
      deleted: entry.deleted,
      attachment: entry.attachment,
      ...replyFields(entry),
    }
  }
}

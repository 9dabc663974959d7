import { createHash } from 'node:crypto'
import type { ReplyOf, ThreadSummary } from '#chat/index'
import type { ReactionSummary } from '#client/reactions/reaction_summary'
import type { PageEntry } from '#services/chat/page_entry'

/**
 * What every reader's copy of one message row is drawn from (partials/message.edge and the
 * partials it includes), as one page read found it
 */
export interface MessageRowData {
  roomId: number
  message: PageEntry
  quote: ReplyOf | null
  thread: ThreadSummary | null
  reactions: ReactionSummary[]
}

/**
 * What one reader's view of a row adds to its data
 */
export interface MessageRowReader {
  readerId: number
  groupStart: boolean
  moderates: boolean
  locale: string
  timeZone: string
}

/**
 * A digest of a row's data: the message's fields, its author's username, display name and
 * avatar, its file, its quoted root as it is now, its thread's count and last reply, its
 * reactions with their people. It changes (edit, delete, pin, reaction, reply, rename, avatar,
 * an edit of the quoted root) exactly when the row's data does. Computed once per page read
 * (MessagePageCache), not per request.
 */
export function messageRowDigest(data: MessageRowData) {
  const { message } = data
  const file = message.attachment
  const drawnFrom = [
    data.roomId,
    [
      message.id,
      message.seq,
      message.kind,
      message.userId,
      message.body,
      message.bodyHtml,
      message.createdAt.toMillis(),
      message.editedAt?.toMillis() ?? null,
      message.deletedAt?.toMillis() ?? null,
      message.pinnedAt?.toMillis() ?? null,
      message.replyTo,
      message.attachmentId,
    ],
    [
      message.author.id,
      message.author.username,
      message.author.displayName,
      message.author.avatarKey,
    ],
    file && [
      file.id,
      file.name,
      file.size,
      file.mimeType,
      file.thumbnailKey,
      file.width,
      file.height,
    ],
    data.quote,
    data.thread,
    data.reactions,
  ]
  return createHash('sha256').update(JSON.stringify(drawnFrom)).digest('base64url')
}

/**
 * The cache key of one reader's copy of a row: its data's digest and what the markup shows of
 * the reader: whether the message is theirs, whether they moderate, which emoji they pressed
 * and, only then, who they are (a pressed chip names the other reactors and "you"); never who
 * they are otherwise, so readers in the same position share a row
 */
export function messageRowKey(
  digest: string,
  row: PageEntry,
  reactions: ReactionSummary[],
  reader: MessageRowReader
) {
  const pressed = reactions
    .filter((summary) => summary.users.some((user) => user.id === reader.readerId))
    .map((summary) => summary.emoji)
  return JSON.stringify([
    digest,
    reader.locale,
    reader.timeZone,
    reader.groupStart,
    row.userId === reader.readerId,
    reader.moderates,
    pressed,
    pressed.length > 0 ? reader.readerId : null,
  ])
}

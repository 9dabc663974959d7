import type { DateTime } from 'luxon'
import type Message from '#models/message'

/**
 * A message's author as the room page shows them (components/people/avatar.edge,
 * partials/message.edge): the User getters the templates read, computed once
 */
export interface PageAuthor {
  id: number
  username: string
  displayName: string | null
  avatarKey: string | null
  name: string
  initials: string
  isDeleted: boolean
}

/**
 * A message's file as partials/attachment.edge reads it, the Attachment getters computed once
 */
export interface PageFile {
  id: number
  name: string
  size: number
  mimeType: string
  thumbnailKey: string | null
  width: number | null
  height: number | null
  isImage: boolean
  thumbnailSize: { width: number; height: number }
}

/**
 * An entry of a room page's history (a message or a room-setting entry) as a plain, frozen
 * object with what the page's templates read: shared across requests and readers
 * (MessagePageCache), so nothing of one reader is in it
 */
export interface PageEntry {
  id: number
  seq: number
  kind: string
  userId: number
  body: string
  bodyHtml: string
  createdAt: DateTime
  editedAt: DateTime | null
  deletedAt: DateTime | null
  pinnedAt: DateTime | null
  replyTo: number | null
  attachmentId: number | null
  author: PageAuthor
  attachment: PageFile | null
}

/**
 * `model` (with its author and attachment loaded) as a PageEntry
 */
export function toPageEntry(model: Message): PageEntry {
  const author = model.author
  const file = model.attachment
  return Object.freeze({
    id: model.id,
    seq: model.seq,
    kind: model.kind,
    userId: model.userId,
    body: model.body,
    bodyHtml: model.bodyHtml,
    createdAt: model.createdAt,
    editedAt: model.editedAt,
    deletedAt: model.deletedAt,
    pinnedAt: model.pinnedAt,
    replyTo: model.replyTo,
    attachmentId: model.attachmentId,
    author: Object.freeze({
      id: author.id,
      username: author.username,
      displayName: author.displayName,
      avatarKey: author.avatarKey,
      name: author.name,
      initials: author.initials,
      isDeleted: author.isDeleted,
    }),
    attachment: file
      ? Object.freeze({
          id: file.id,
          name: file.name,
          size: file.size,
          mimeType: file.mimeType,
          thumbnailKey: file.thumbnailKey,
          width: file.width,
          height: file.height,
          isImage: file.isImage,
          thumbnailSize: file.thumbnailSize,
        })
      : null,
  })
}

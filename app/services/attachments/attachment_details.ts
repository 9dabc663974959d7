import type Attachment from '#models/attachment'
import type { Attachment as AttachmentDetails } from '#chat/index'

/**
 * An attachment row in the shape a log entry carries (PROTOCOL.md)
 */
export function attachmentDetails(row: Attachment): AttachmentDetails {
  return {
    id: row.id,
    name: row.name,
    type: row.mimeType,
    size: row.size,
    width: row.width,
    height: row.height,
    thumbnail: row.thumbnailKey !== null,
  }
}

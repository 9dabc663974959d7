import { AttachmentSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Room from '#models/room'

/**
 * The content types shown inline as pictures (with a thumbnail and the
 * viewer); every other file is only offered as a download
 */
export const INLINE_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp'])

/**
 * Thumbnails fit in a square of this many pixels
 */
export const THUMBNAIL_SIZE = 400

/**
 * A file attached to a message: its bytes on the drive disk, what its
 * content was sniffed to be. Who may download it is who may see its room.
 */
export default class Attachment extends AttachmentSchema {
  @belongsTo(() => Room)
  declare room: BelongsTo<typeof Room>

  /**
   * Whether the file is a picture shown inline (never SVG: it can hold scripts)
   */
  get isImage() {
    return INLINE_IMAGE_TYPES.has(this.mimeType)
  }

  /**
   * The size the thumbnail is shown at (fits THUMBNAIL_SIZE, keeps the ratio)
   */
  get thumbnailSize() {
    const width = this.width ?? THUMBNAIL_SIZE
    const height = this.height ?? THUMBNAIL_SIZE
    const scale = Math.min(1, THUMBNAIL_SIZE / Math.max(width, height))
    return { width: Math.round(width * scale), height: Math.round(height * scale) }
  }
}

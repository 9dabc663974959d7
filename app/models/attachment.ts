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
}

import { randomUUID } from 'node:crypto'
import drive from '@adonisjs/drive/services/main'
import logger from '@adonisjs/core/services/logger'

/**
 * The drive keys of one attachment: its bytes and, for a picture, a thumbnail
 */
export type AttachmentKeys = { diskKey: string; thumbnailKey: string | null }

/**
 * Where a room's files live on the disk: deleting the room deletes the prefix
 */
function roomPrefix(roomId: number) {
  return `attachments/${roomId}`
}

/**
 * The attachments' bytes on the drive disk (config/drive.ts): written once
 * under fresh random keys grouped by room, streamed to downloads, deleted
 * with their message or room
 */
export default class AttachmentFiles {
  /**
   * Fresh keys for a new file of room `roomId`
   */
  newKeys(roomId: number, withThumbnail: boolean): AttachmentKeys {
    const diskKey = `${roomPrefix(roomId)}/${randomUUID()}`
    return { diskKey, thumbnailKey: withThumbnail ? `${diskKey}.thumb.webp` : null }
  }

  /**
   * Moves a received file (and writes its thumbnail) onto the disk
   */
  async store(keys: AttachmentKeys, path: string, thumbnail: Buffer | null) {
    const disk = drive.use()
    await disk.copyFromFs(path, keys.diskKey)
    if (keys.thumbnailKey && thumbnail) {
      await disk.put(keys.thumbnailKey, thumbnail)
    }
  }

  /**
   * The bytes under `key`, as a stream
   */
  read(key: string) {
    return drive.use().getStream(key)
  }

  /**
   * Deletes files; a failure is logged, never thrown (the rows are gone already)
   */
  async remove(keys: string[]) {
    const disk = drive.use()
    const results = await Promise.allSettled(keys.map((key) => disk.delete(key)))
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        logger.error(
          { err: result.reason, key: keys[index] },
          'could not delete an attachment file'
        )
      }
    })
  }

  /**
   * Deletes every file of room `roomId` (after the room was deleted)
   */
  async removeRoom(roomId: number) {
    try {
      await drive.use().deleteAll(roomPrefix(roomId))
    } catch (error) {
      logger.error({ err: error, roomId }, 'could not delete the files of a deleted room')
    }
  }
}

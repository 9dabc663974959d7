import { inject } from '@adonisjs/core'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Attachment from '#models/attachment'
import Room from '#models/room'
import MessageService from '#services/chat/message_service'
import AttachmentFiles from '#services/attachments/attachment_files'
import { attachmentDetails } from '#services/attachments/attachment_details'
import { inspectFile } from '#services/attachments/file_inspector'
import UploadRefusedException from '#exceptions/upload_refused_exception'
import { isRowId } from '#helpers/row_id'
import type { ReceivedFile, UploadLimits } from '#services/attachments/multipart_upload'
import type User from '#models/user'

/**
 * Posting messages with a file, and finding a file for a download
 */
@inject()
export default class AttachmentService {
  constructor(
    protected messages: MessageService,
    protected files: AttachmentFiles
  ) {}

  /**
   * Stores `file` (its type sniffed, a thumbnail for a picture) within the
   * user's quota and posts it as a message of `room` with `text` as its
   * caption. A resent client id stores nothing new: the first message is
   * the answer and this copy of the file is dropped.
   */
  async post(
    room: Room,
    user: User,
    input: { text: string; clientId: string | null; file: ReceivedFile }
  ) {
    const limits = app.config.get<UploadLimits>('attachments')
    if (input.file.size === 0) {
      throw new UploadRefusedException('empty_file', limits)
    }
    const inspected = await inspectFile(input.file.path, input.file.clientName)
    const keys = this.files.newKeys(room.id, inspected.thumbnail !== null)
    const attachment = await db.transaction(async (trx) => {
      await trx.from('users').where('id', user.id).forUpdate().select('id')
      const used = await trx.from('attachments').where('user_id', user.id).sum('size as total')
      if (Number(used[0]?.total ?? 0) + input.file.size > limits.quotaPerUser) {
        throw new UploadRefusedException('quota_exceeded', limits)
      }
      return Attachment.create(
        {
          roomId: room.id,
          userId: user.id,
          diskKey: keys.diskKey,
          thumbnailKey: keys.thumbnailKey,
          name: inspected.name,
          mimeType: inspected.mimeType,
          size: input.file.size,
          width: inspected.width,
          height: inspected.height,
        },
        { client: trx }
      )
    })
    try {
      await this.files.store(keys, input.file.path, inspected.thumbnail)
      const stored = await this.messages.post(room, user, {
        text: input.text,
        clientId: input.clientId,
        attachment: attachmentDetails(attachment),
      })
      if (!stored || stored.duplicate) {
        await this.#drop(attachment)
      }
      return stored
    } catch (error) {
      await this.#drop(attachment)
      throw error
    }
  }

  /**
   * The attachment `id` when `viewer` may see its room; otherwise a 404,
   * the same as for a file that does not exist (ids can be guessed)
   */
  async findVisibleOrFail(id: number, viewer: User) {
    const attachment = isRowId(id) ? await Attachment.query().where('id', id).first() : null
    if (!attachment) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Attachment)
    }
    const room = await Room.find(attachment.roomId)
    if (!room || !(await room.isVisibleTo(viewer.id))) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Attachment)
    }
    return attachment
  }

  async #drop(attachment: Attachment) {
    await attachment.delete()
    await this.files.remove(
      [attachment.diskKey, attachment.thumbnailKey].filter((key) => key !== null)
    )
  }
}

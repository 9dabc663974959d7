import { inject } from '@adonisjs/core'
import { errors as lucidErrors } from '@adonisjs/lucid'
import { create as contentDisposition } from 'content-disposition'
import Attachment from '#models/attachment'
import AttachmentService from '#services/attachments/attachment_service'
import AttachmentFiles from '#services/attachments/attachment_files'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A downloaded file runs nothing and loads nothing, even if a browser
 * rendered it: no scripts, no plugins, no same-origin access
 */
const FILE_CSP = `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox`

/**
 * Downloads of attached files, for whoever may see their room (others get
 * the 404 of a file that does not exist). Pictures are shown inline, every
 * other file is a download; both are sandboxed and never sniffed.
 */
@inject()
export default class AttachmentsController {
  constructor(
    protected attachments: AttachmentService,
    protected files: AttachmentFiles
  ) {}

  /**
   * The file itself
   */
  async show({ params, auth, response }: HttpContext) {
    const attachment = await this.attachments.findVisibleOrFail(params.id, auth.getUserOrFail())
    const disposition = attachment.isImage ? 'inline' : 'attachment'
    response.header(
      'Content-Disposition',
      contentDisposition(attachment.name, { type: disposition })
    )
    response.header('Content-Length', String(attachment.size))
    return this.#send(response, attachment.diskKey, attachment.mimeType)
  }

  /**
   * The thumbnail of a picture (WebP); 404 for other files
   */
  async thumbnail({ params, auth, response }: HttpContext) {
    const attachment = await this.attachments.findVisibleOrFail(params.id, auth.getUserOrFail())
    if (!attachment.thumbnailKey) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Attachment)
    }
    response.header('Content-Disposition', 'inline')
    return this.#send(response, attachment.thumbnailKey, 'image/webp')
  }

  async #send(response: HttpContext['response'], key: string, type: string) {
    let stream
    try {
      stream = await this.files.read(key)
    } catch {
      throw new lucidErrors.E_ROW_NOT_FOUND(Attachment)
    }
    response.header('Content-Type', type)
    response.header('X-Content-Type-Options', 'nosniff')
    response.header('Content-Security-Policy', FILE_CSP)
    response.header('Cross-Origin-Resource-Policy', 'same-origin')
    response.header('Cache-Control', 'private, max-age=300')
    response.stream(stream)
  }
}

import app from '@adonisjs/core/services/app'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import {
  receiveMultipart,
  type ReceivedFile,
  type UploadLimits,
} from '#services/attachments/multipart_upload'
import { holdsUnstorableText } from '#middleware/refuse_unstorable_text_middleware'
import UnstorableTextException from '#exceptions/unstorable_text_exception'

declare module '@adonisjs/core/http' {
  interface HttpContext {
    /** The file of a multipart upload (upload routes only), else null */
    uploadedFile: ReceivedFile | null
  }
}

/**
 * The routes that take a file: the composer's form and its scripts
 */
const UPLOAD_ROUTES = new Set(['messages.store'])

/**
 * Parses multipart bodies of the upload routes only (the bodyparser leaves
 * every multipart body unparsed: config/bodyparser.ts), before shield, so
 * the form's `_csrf` field is checked like any form's. The received file
 * waits in a temporary file, deleted once the request is answered.
 */
export default class MultipartUploadMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.uploadedFile = null
    if (!UPLOAD_ROUTES.has(ctx.route?.name ?? '') || !ctx.request.is(['multipart/form-data'])) {
      return next()
    }
    const limits = app.config.get<UploadLimits>('attachments')
    const upload = await receiveMultipart(ctx.request.request, limits)
    try {
      if (holdsUnstorableText({ ...upload.fields, file: upload.file?.clientName ?? '' })) {
        throw new UnstorableTextException()
      }
      ctx.request.setInitialBody(upload.fields)
      ctx.uploadedFile = upload.file
      return await next()
    } finally {
      await upload.discard()
    }
  }
}

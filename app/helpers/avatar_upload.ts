import { Busboy, type BusboyInstance } from '@fastify/busboy'
import type { HttpRequest } from '@adonisjs/core/http'
import AvatarRefusedException from '#exceptions/avatar_refused_exception'
import { MAX_AVATAR_BYTES } from '#services/people/avatar_service'

/**
 * Reads the multipart file field `avatar` into memory with busboy (the
 * bodyparser's own multipart parser, whose 11.0.4 crashes on file fields
 * named after Object.prototype members, never runs: see SECURITY.md).
 * Refuses a request without it, one over MAX_AVATAR_BYTES (whatever it
 * claims to be: its content is judged afterwards) and one that is not
 * multipart; other fields and files are read and dropped.
 */
export function readAvatarUpload(request: HttpRequest) {
  const contentType = request.header('content-type') ?? ''
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new AvatarRefusedException('E_AVATAR_MISSING')
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let tooLarge = false
    let parser: BusboyInstance
    try {
      parser = Busboy({
        headers: { ...request.headers(), 'content-type': contentType },
        limits: { files: 5, fileSize: MAX_AVATAR_BYTES, fields: 10, parts: 15, headerPairs: 20 },
      })
    } catch {
      reject(new AvatarRefusedException('E_AVATAR_MISSING'))
      return
    }
    parser.on('file', (field, stream) => {
      if (field !== 'avatar') {
        stream.resume()
        return
      }
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('limit', () => (tooLarge = true))
    })
    parser.on('error', () => reject(new AvatarRefusedException('E_AVATAR_MISSING')))
    parser.on('finish', () => {
      if (tooLarge) {
        reject(new AvatarRefusedException('E_AVATAR_TOO_LARGE'))
      } else if (chunks.length === 0) {
        reject(new AvatarRefusedException('E_AVATAR_MISSING'))
      } else {
        resolve(Buffer.concat(chunks))
      }
    })
    request.request.pipe(parser)
  })
}

import type { HttpRequest } from '@adonisjs/core/http'
import AvatarRefusedException from '#exceptions/avatar_refused_exception'
import { MAX_AVATAR_BYTES } from '#services/people/avatar_service'

/**
 * Reads the multipart field `avatar` into memory, refusing a request
 * without it and one over MAX_AVATAR_BYTES (whatever the file claims to be:
 * its content is judged afterwards)
 */
export async function readAvatarUpload(request: HttpRequest) {
  const chunks: Buffer[] = []
  let bytes = 0
  let tooLarge = false
  let received = false
  request.multipart.onFile('avatar', {}, async (part) => {
    received = true
    for await (const chunk of part) {
      bytes += chunk.length
      if (bytes > MAX_AVATAR_BYTES) {
        tooLarge = true
        part.resume()
        break
      }
      chunks.push(chunk)
    }
    return {}
  })
  try {
    await request.multipart.process({ limit: MAX_AVATAR_BYTES + 64 * 1024, maxFields: 10 })
  } catch (error) {
    if ((error as { status?: number }).status === 413) {
      throw new AvatarRefusedException('E_AVATAR_TOO_LARGE')
    }
    throw error
  }
  if (tooLarge) {
    throw new AvatarRefusedException('E_AVATAR_TOO_LARGE')
  }
  if (!received || bytes === 0) {
    throw new AvatarRefusedException('E_AVATAR_MISSING')
  }
  return Buffer.concat(chunks)
}

import { inject } from '@adonisjs/core'
import AvatarService from '#services/people/avatar_service'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Avatars for signed-in pages: a URL names the user, the picture's key and
 * a size, so it never changes meaning and is cached for a year
 */
@inject()
export default class AvatarsController {
  constructor(protected avatars: AvatarService) {}

  /**
   * The WebP picture; a 404 for an old key or an unknown size
   */
  async show({ params, response }: HttpContext) {
    const image = await this.avatars.read(params.userId, String(params.key), params.size)
    response.header('content-type', 'image/webp')
    response.header('cache-control', 'private, max-age=31536000, immutable')
    response.header('x-content-type-options', 'nosniff')
    return response.send(Buffer.from(image))
  }
}

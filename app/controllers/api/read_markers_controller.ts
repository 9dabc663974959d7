import { inject } from '@adonisjs/core'
import ReadMarkerService from '#services/rooms/read_marker_service'
import { markReadValidator } from '#validators/read_marker'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Read markers and unread counts for API clients
 */
@inject()
export default class ReadMarkersController {
  constructor(protected markers: ReadMarkerService) {}

  /**
   * Unread messages and mentions per room the token's user may see
   */
  async index({ auth }: HttpContext) {
    return { data: await this.markers.unreadCounts(auth.getUserOrFail().id) }
  }

  /**
   * Moves the token's user's marker in the room to `{ seq }`
   */
  async update({ params, request, auth }: HttpContext) {
    const { seq } = await request.validateUsing(markReadValidator)
    const stored = await this.markers.markRead(auth.getUserOrFail().id, params.id, seq)
    return { data: { room: params.id, seq: stored } }
  }
}

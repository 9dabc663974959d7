import { inject } from '@adonisjs/core'
import ReadMarkerService from '#services/rooms/read_marker_service'
import { markReadValidator } from '#validators/read_marker'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Read markers and unread counts (JSON), for the browser's scripts (session)
 * and for API clients (bearer token) alike
 */
@inject()
export default class ReadMarkersController {
  constructor(protected markers: ReadMarkerService) {}

  /**
   * Unread messages and mentions per room the user may see, for the lobby
   */
  async index({ auth }: HttpContext) {
    return { data: await this.markers.unreadCounts(auth.getUserOrFail().id) }
  }

  /**
   * Moves the user's marker in the room to `{ seq }` (it never moves back)
   */
  async store({ params, request, auth }: HttpContext) {
    const { seq } = await request.validateUsing(markReadValidator)
    const stored = await this.markers.markRead(auth.getUserOrFail().id, params.id, seq)
    return { data: { room: params.id, seq: stored } }
  }
}

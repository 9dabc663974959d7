import { inject } from '@adonisjs/core'
import ReadMarkerService from '#services/rooms/read_marker_service'
import { markReadValidator } from '#validators/read_marker'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Read markers and unread counts for the browser's scripts (JSON)
 */
@inject()
export default class ReadMarkersController {
  constructor(protected markers: ReadMarkerService) {}

  /**
   * Unread messages and mentions per room, for the lobby
   */
  async index({ auth }: HttpContext) {
    return { data: await this.markers.unreadCounts(auth.getUserOrFail().id) }
  }

  /**
   * Marks the room read up to `{ seq }`
   */
  async store({ params, request, auth }: HttpContext) {
    const { seq } = await request.validateUsing(markReadValidator)
    const stored = await this.markers.markRead(auth.getUserOrFail().id, params.id, seq)
    return { data: { room: params.id, seq: stored } }
  }
}

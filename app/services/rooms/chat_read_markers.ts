import { errors as lucidErrors } from '@adonisjs/lucid'
import type { ReadMarkers } from '#chat/index'
import ReadMarkerService from '#services/rooms/read_marker_service'

/**
 * The chat's read markers (a socket's `read` frame) kept by the app: the same marker, rule and
 * `read` event to the user's other tabs as `POST /rooms/:id/read`
 */
export class ChatReadMarkers implements ReadMarkers {
  async mark(user: number, room: number, seq: number) {
    try {
      return await new ReadMarkerService().markRead(user, room, seq)
    } catch (error) {
      if (error instanceof lucidErrors.E_ROW_NOT_FOUND) return null
      throw error
    }
  }
}

import type { ReadMark, ReadMarkers } from '#chat/index'
import ReadMarkerService from '#services/rooms/read_marker_service'

/**
 * The chat's read markers (a socket's `read` frame) kept by the app: the same marker, rule and
 * `read` event to the user's other tabs as `POST /rooms/:id/read`, many marks a statement
 */
export class ChatReadMarkers implements ReadMarkers {
  markMany(marks: ReadMark[]) {
    return new ReadMarkerService().markReadMany(marks)
  }
}

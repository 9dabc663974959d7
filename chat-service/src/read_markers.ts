/**
 * Where each user has read up to in each room (a port: the app keeps the markers). `mark`
 * moves `user`'s marker in `room` forward to `seq` (never back, never past the room's head)
 * and tells the user's other tabs and devices; it resolves with the stored marker, or null
 * when the user may not see the room.
 */
export interface ReadMarkers {
  mark(user: number, room: number, seq: number): Promise<number | null>
}

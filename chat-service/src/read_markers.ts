/**
 * A user's read marker moved forward in a room up to a seq
 */
export type ReadMark = { user: number; room: number; seq: number }

/**
 * Where each user has read up to in each room (a port: the app keeps the markers). `markMany`
 * moves each mark's marker forward to its seq (never back, never past the room's head) and
 * tells the user's other tabs and devices; it resolves with one stored marker per mark, in
 * order, or null where the user may not see the room. The chat sends the marks of a busy
 * moment together.
 */
export interface ReadMarkers {
  markMany(marks: ReadMark[]): Promise<Array<number | null>>
}

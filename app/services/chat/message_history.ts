import Message from '#models/message'

/**
 * Messages shown per page on the room page
 */
export const MESSAGES_PER_PAGE = 50

/**
 * A page of a room's messages in their current state (edits and deletions
 * applied; the log's edit and delete entries themselves are left out),
 * oldest first: the newest messages, or those just before seq `before`.
 * `olderBefore` is the seq to ask for the page before this one, or null at
 * the start of the log.
 */
export async function readMessagePage(roomId: number, before?: number) {
  const query = Message.query()
    .where('room_id', roomId)
    .where('kind', 'message')
    .preload('author')
    .orderBy('seq', 'desc')
    .limit(MESSAGES_PER_PAGE)
  if (before) {
    query.where('seq', '<', before)
  }
  const newestFirst = await query
  const messages = newestFirst.reverse()
  const oldest = messages[0]
  return { messages, olderBefore: oldest && oldest.seq > 1 ? oldest.seq : null }
}

import { errors as lucidErrors } from '@adonisjs/lucid'
import Message from '#models/message'
import { isRowId } from '#helpers/row_id'

/**
 * Messages shown on each side of the one in context
 */
export const CONTEXT_MESSAGES = 20

/**
 * The columns a message needs on a page (not the search vector)
 */
const MESSAGE_COLUMNS = [
  'id',
  'room_id',
  'user_id',
  'seq',
  'kind',
  'body',
  'body_html',
  'created_at',
  'edited_at',
  'deleted_at',
]

/**
 * Message `seq` of room `roomId` in its current state with up to
 * CONTEXT_MESSAGES messages before and after it, oldest first (edit and
 * delete log entries are not messages). `earlierBefore` is the room page's
 * `before` for the messages before these, or null at the start of the room.
 * A 404 when `seq` is not a message of the room.
 */
export async function readMessageContext(roomId: number, seq: number) {
  if (!isRowId(seq)) {
    throw new lucidErrors.E_ROW_NOT_FOUND(Message)
  }
  const messages = () =>
    Message.query()
      .select(MESSAGE_COLUMNS)
      .where('room_id', roomId)
      .where('kind', 'message')
      .preload('author')

  const target = await messages().where('seq', seq).first()
  if (!target) {
    throw new lucidErrors.E_ROW_NOT_FOUND(Message)
  }
  const [before, after] = await Promise.all([
    messages().where('seq', '<', seq).orderBy('seq', 'desc').limit(CONTEXT_MESSAGES),
    messages().where('seq', '>', seq).orderBy('seq', 'asc').limit(CONTEXT_MESSAGES),
  ])
  const shown = [...before.reverse(), target, ...after]
  // A room's log starts with a message, so seq 1 is always one
  return { target, messages: shown, earlierBefore: shown[0].seq > 1 ? shown[0].seq : null }
}

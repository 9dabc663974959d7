import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import type Message from '#models/message'
import type { ReplyOf, ThreadSummary } from '#chat/index'
import type { ReactionSummary } from '#client/reactions/reaction_summary'

/**
 * Everything one message row of the room page (partials/message.edge and the partials it
 * includes) is drawn from, but the reader's CSRF token
 */
export interface MessageRowInputs {
  message: Message
  groupStart: boolean
  roomId: number
  readerId: number
  moderates: boolean
  locale: string
  timeZone: string
  quote: ReplyOf | null
  thread: ThreadSummary | null
  reactions: ReactionSummary[]
}

/**
 * The cache key of a message row: a digest of every value its markup is drawn from, read in
 * this request's queries. A row changes (edit, delete, pin, reaction, reply, its author's
 * name or avatar, its quoted root) exactly when its key does, on every node. Of the reader,
 * only what the markup shows is in it: whether the message is theirs, whether they moderate,
 * which emoji they pressed and, only then, who they are (a pressed chip names the other
 * reactors and "you"); never who they are otherwise.
 */
export function messageRowKey(inputs: MessageRowInputs) {
  const { message, readerId } = inputs
  const author = message.author
  const file = message.attachment
  const pressed = inputs.reactions
    .filter((summary) => summary.users.some((user) => user.id === readerId))
    .map((summary) => summary.emoji)
  const drawnFrom = [
    inputs.roomId,
    inputs.locale,
    inputs.timeZone,
    inputs.groupStart,
    message.userId === readerId,
    inputs.moderates,
    Object.values(message.$attributes).map(plain),
    [author.id, author.username, author.displayName, author.avatarKey],
    file && [
      file.id,
      file.name,
      file.size,
      file.mimeType,
      file.thumbnailKey,
      file.width,
      file.height,
    ],
    inputs.quote,
    inputs.thread,
    inputs.reactions,
    pressed,
    pressed.length > 0 ? readerId : null,
  ]
  return createHash('sha256').update(JSON.stringify(drawnFrom)).digest('base64url')
}

/**
 * A column's value as the key needs it: times as epoch ms (luxon's ISO text costs more)
 */
function plain(value: unknown) {
  return value instanceof DateTime ? value.toMillis() : value
}

import { urlFor } from '@adonisjs/core/services/url_builder'
import type { MessageSearchHit } from '#services/search/message_search_service'

/**
 * Path of the page showing message `seq` of room `roomId` among its
 * neighbours, scrolled to it
 */
export function messageContextUrl(roomId: number, seq: number) {
  return `${urlFor('message_contexts.show', { id: roomId, seq })}#message-${seq}`
}

/**
 * The public JSON shape of a search result. `snippet` is HTML: the text
 * around the match, escaped, with the matched words in `<mark>`.
 */
export function serializeSearchHit(hit: MessageSearchHit) {
  return {
    room: hit.room,
    seq: hit.seq,
    author: hit.author,
    createdAt: hit.createdAt.toISO(),
    editedAt: hit.editedAt?.toISO() ?? null,
    snippet: hit.snippet,
    url: messageContextUrl(hit.room.id, hit.seq),
  }
}

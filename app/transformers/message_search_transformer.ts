import { BaseTransformer } from '@adonisjs/core/transformers'
import { urlFor } from '@adonisjs/core/services/url_builder'
import type { MessageSearchHit } from '#services/search/message_search_service'

/**
 * The public JSON shape of a search result. `snippet` is HTML: the text
 * around the match, escaped, with the matched words in `<mark>`; `url` is the
 * page showing the message among its neighbours, scrolled to it.
 */
export default class MessageSearchTransformer extends BaseTransformer<MessageSearchHit> {
  toObject() {
    const hit = this.resource
    return {
      room: hit.room,
      seq: hit.seq,
      author: hit.author,
      createdAt: hit.createdAt.toISO(),
      editedAt: hit.editedAt?.toISO() ?? null,
      snippet: hit.snippet,
      url: `${urlFor('message_contexts.show', { id: hit.room.id, seq: hit.seq })}#message-${hit.seq}`,
    }
  }
}

import { randomUUID } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import edge from 'edge.js'
import type { HttpContext } from '@adonisjs/core/http'
import type { ReactionSummary } from '#client/reactions/reaction_summary'
import type { ThreadViews } from '#services/chat/thread_view_service'
import type { PageEntry } from '#services/chat/page_entry'
import { messageRowKey } from '#services/chat/message_row_key'

/**
 * The rendered rows the cache holds at most, in UTF-16 code units (~2 bytes each): 16 MB
 */
const MESSAGE_ROWS_CACHE_SIZE = 8 * 1024 * 1024

/**
 * Where a row's forms take the reader's CSRF field: unguessable, so no message can hold it
 */
const CSRF_MARK = `<!--csrf-${randomUUID()}-->`

/**
 * What the room page's rows share in one request (the page's own state)
 */
export interface MessageRowsPage {
  roomId: number
  room: unknown
  readerId: number
  moderates: boolean
  locale: string
  timeZone: string
  clock: unknown
  threads: ThreadViews
  reactionsByMessage: Map<number, ReactionSummary[]>
  /** Each message row's digest of its data (messageRowDigest) by message id */
  rowDigests: Map<number, string>
  reactionTexts: unknown
}

/**
 * The room page's message rows (partials/message.edge) as rendered markup shared across
 * requests and readers, keyed by their data's digest and what they show of the reader
 * (messageRowKey), least recently used evicted beyond MESSAGE_ROWS_CACHE_SIZE. The reader's
 * CSRF field is left out of the stored markup and put back per request.
 */
export default class MessageRowCache {
  #rows: LRUCache<string, string[]>

  constructor(maxSize = MESSAGE_ROWS_CACHE_SIZE) {
    this.#rows = new LRUCache({
      maxSize,
      sizeCalculation: (parts, key) => parts.reduce((size, part) => size + part.length, key.length),
    })
  }

  /**
   * How many rows and code units are held
   */
  get stats() {
    return { rows: this.#rows.size, size: this.#rows.calculatedSize }
  }

  /**
   * A function the page calls per row: `message`'s markup for this reader, from the cache or
   * rendered with `view` (the request's renderer) and stored
   */
  renderer(view: HttpContext['view'], page: MessageRowsPage, csrfToken: string) {
    const csrfField = `<input type='hidden' name='_csrf' value='${csrfToken}'>`
    return (message: PageEntry, groupStart: boolean) => {
      const reactions = page.reactionsByMessage.get(message.id) ?? []
      const digest = page.rowDigests.get(message.id)
      if (!digest) throw new Error(`Message ${message.id} is not on this page`)
      const key = messageRowKey(digest, message, reactions, { ...page, groupStart })
      let parts = this.#rows.get(key)
      if (!parts) {
        parts = view
          .renderSync('partials/message', {
            ...page,
            message,
            groupStart,
            csrfField: () => edge.globals.html.safe(CSRF_MARK),
          })
          .split(CSRF_MARK)
        this.#rows.set(key, parts)
      }
      return parts.join(csrfField)
    }
  }
}

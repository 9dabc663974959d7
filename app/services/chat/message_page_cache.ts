import { LRUCache } from 'lru-cache'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type Room from '#models/room'
import type { ReactionSummary } from '#client/reactions/reaction_summary'
import type MessageHistoryService from '#services/chat/message_history_service'
import type ThreadViewService from '#services/chat/thread_view_service'
import type { ThreadViews } from '#services/chat/thread_view_service'
import type MessageReactionsService from '#services/chat/message_reactions_service'
import { messageRowDigest } from '#services/chat/message_row_key'
import { PagePeople } from '#services/chat/page_people'
import { toPageEntry, type PageEntry } from '#services/chat/page_entry'

/**
 * The page data the cache holds at most, in UTF-16 code units of text (plus a fixed
 * estimate per entry): 8 M, about 16 MB
 */
const MESSAGE_PAGES_CACHE_SIZE = 8 * 1024 * 1024

/**
 * What an entry, and a page itself, is counted as beyond its text (fields, dates, author,
 * digest)
 */
const ENTRY_OVERHEAD = 512

/**
 * What a room page's rows are drawn from, the same for every reader: its entries (oldest
 * first), its messages alone, the `before` of the page before it, the quotes and thread
 * summaries, the reactions by message id, and each message row's digest by message id
 */
export interface MessagePage {
  entries: PageEntry[]
  messages: PageEntry[]
  olderBefore: number | null
  threads: ThreadViews
  reactionsByMessage: Map<number, ReactionSummary[]>
  rowDigests: Map<number, string>
}

/**
 * A held page and the profile values of the people it shows, as it read them
 */
interface HeldPage {
  page: MessagePage
  people: PagePeople
}

/**
 * Moves the version of rooms whose rows were rewritten without an entry of their log (no
 * `last_seq` moved): `updated_at`, which every process's MessagePageCache key holds, goes
 * forward by at least a millisecond (the key reads it in milliseconds), however the clock
 * stands. Call it after, or in the transaction of, the rewrite.
 */
export async function roomRowsRewritten(
  client: Pick<QueryClientContract, 'rawQuery'>,
  roomIds: number[]
) {
  if (roomIds.length === 0) return
  await client.rawQuery(
    `UPDATE rooms SET updated_at = greatest(now(), updated_at + interval '1 millisecond')
     WHERE id = ANY(?::int[])`,
    [roomIds]
  )
}

/**
 * The room page's history data (MessageHistoryService.page, its quotes, thread summaries and
 * reactions, as plain objects with each row's digest) kept per process, least recently used
 * evicted beyond MESSAGE_PAGES_CACHE_SIZE. Keyed by the room's version: every change of a
 * row appends to the room's log (edit, delete, pin, unpin, react, unreact; a reply is a
 * message), so `last_seq` moves; rewrites outside the log move `updated_at`
 * (roomRowsRewritten); `created_at` tells a room apart from another with its id (a restore).
 * Profiles are not in the log: a held page is used only when one query finds the people it
 * shows (authors, reactors, quoted authors) as it read them. No process needs to tell another.
 */
export default class MessagePageCache {
  #pages: LRUCache<string, HeldPage>

  constructor(
    protected history: MessageHistoryService,
    protected threadViews: ThreadViewService,
    protected reactions: MessageReactionsService,
    maxSize = MESSAGE_PAGES_CACHE_SIZE
  ) {
    this.#pages = new LRUCache({ maxSize, sizeCalculation: (held) => sizeOf(held.page) })
  }

  /**
   * How many pages are held and their size
   */
  get stats() {
    return { pages: this.#pages.size, size: this.#pages.calculatedSize }
  }

  /**
   * The page of `room` before seq `before` (the latest without it), `limit` entries at most
   * (MessageHistoryService.page), held or read
   */
  async page(room: Room, before?: number, limit?: number): Promise<MessagePage> {
    const key = [
      room.id,
      room.createdAt.toMillis(),
      room.lastSeq,
      room.updatedAt?.toMillis() ?? null,
      before ?? null,
      limit ?? null,
    ].join('/')
    const held = this.#pages.get(key)
    if (held && (await held.people.areCurrent())) {
      return held.page
    }
    const read = await this.#read(room.id, before, limit)
    if (read.people.consistent) {
      this.#pages.set(key, read)
    } else {
      this.#pages.delete(key)
    }
    return read.page
  }

  async #read(roomId: number, before?: number, limit?: number): Promise<HeldPage> {
    const models = await this.history.page(roomId, before, limit)
    const threads = await this.threadViews.forMessages(roomId, models.messages)
    const reactionsByMessage = await this.reactions.forPage(models.messages)
    const entries = models.entries.map(toPageEntry)
    const messages = entries.filter((entry) => entry.kind === 'message')
    const people = new PagePeople(db)
    const rowDigests = new Map<number, string>()
    for (const entry of entries) people.saw(entry.author)
    for (const quote of threads.quotes.values()) people.saw(quote.parent.user)
    for (const message of messages) {
      const reactions = reactionsByMessage.get(message.id) ?? []
      for (const { users } of reactions) {
        for (const user of users) people.saw({ ...user, displayName: user.display_name })
      }
      const quote = threads.quoteOf(message)
      const thread = threads.threadOf(message)
      rowDigests.set(message.id, messageRowDigest({ roomId, message, quote, thread, reactions }))
    }
    return {
      page: {
        entries,
        messages,
        olderBefore: models.olderBefore,
        threads,
        reactionsByMessage,
        rowDigests,
      },
      people,
    }
  }
}

/**
 * What a page is counted as in the cache's size
 */
function sizeOf(page: MessagePage) {
  let size = ENTRY_OVERHEAD
  for (const entry of page.entries) {
    size += ENTRY_OVERHEAD + entry.body.length + entry.bodyHtml.length
  }
  for (const reactions of page.reactionsByMessage.values()) {
    for (const { users } of reactions) size += 64 * (users.length + 1)
  }
  return size
}

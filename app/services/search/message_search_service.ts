import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import Room from '#models/room'
import { buildSnippet, snippetHtml, type SnippetTerm } from '#services/search/search_snippet'
import { renderedText } from '#services/search/rendered_text'
import SearchTimeoutException from '#exceptions/search_timeout_exception'
import { MAX_SEARCH_CANDIDATES, newestMatches } from '#services/search/newest_matches'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Most results per page
 */
export const MAX_SEARCH_PER_PAGE = 50

/**
 * Results per page unless asked otherwise
 */
const SEARCH_PER_PAGE = 20

/**
 * Words shorter than this (in characters) match whole words only; longer
 * ones also match inside words, through the trigram index (a trigram needs
 * three characters)
 */
const MIN_PARTIAL_WORD = 3

/**
 * Words of a query beyond this many are ignored
 */
const MAX_WORDS = 10

/**
 * Letters and digits: the words of a folded query. Nothing else reaches the
 * LIKE patterns and tsquery strings built from them, so they need no escaping.
 */
const WORD = /[\p{L}\p{N}]+/gu

/**
 * A search: words to find, optionally in one room, one page of results
 */
type MessageSearchInput = { q: string; room?: number; page?: number; perPage?: number }

/**
 * One message found, with a snippet of its text around the match: HTML,
 * escaped, the matched words in `<mark>`
 */
export type MessageSearchHit = {
  room: { id: number; name: string }
  seq: number
  author: { id: number; username: string }
  createdAt: DateTime
  editedAt: DateTime | null
  snippet: string
}

/**
 * A page of results and where it is in the whole list
 */
type MessageSearchPage = {
  hits: MessageSearchHit[]
  /** Matches found, at most MAX_SEARCH_CANDIDATES */
  total: number
  /** More messages match than were ranked (the newest MAX_SEARCH_CANDIDATES were) */
  capped: boolean
  page: number
  perPage: number
  lastPage: number
}

/**
 * A row of the search query
 */
type HitRow = {
  room_id: number
  room_name: string
  seq: number
  user_id: number
  username: string
  created_at: Date
  edited_at: Date | null
  body: string
  body_html: string
}

/**
 * Full-text search over the messages of the rooms a user may see, ignoring
 * case and accents. A message matches when it contains every word of the
 * query: words of 3+ characters anywhere, even inside a longer word
 * ("deploy" finds "redeployment"), shorter words as whole words. Results
 * whose words all match whole come first, then those matching word
 * beginnings, then the rest; ts_rank orders each group, newest first on ties.
 * Only the newest MAX_SEARCH_CANDIDATES matches are ranked and counted.
 * Edit/delete log entries and deleted messages are never found. The
 * queries run under a statement timeout (`search.statementTimeoutMs`): past
 * it the search fails with SearchTimeoutException.
 */
export default class MessageSearchService {
  /**
   * One page of the messages matching `input.q` that `userId` may see
   */
  async search(userId: number, input: MessageSearchInput): Promise<MessageSearchPage> {
    const page = input.page ?? 1
    const perPage = Math.min(input.perPage ?? SEARCH_PER_PAGE, MAX_SEARCH_PER_PAGE)
    const words = await this.queryWords(input.q)
    if (words.length === 0) {
      return { hits: [], total: 0, capped: false, page, perPage, lastPage: 1 }
    }

    const terms: SnippetTerm[] = words.map((word) => ({
      word,
      whole: Array.from(word).length < MIN_PARTIAL_WORD,
    }))
    const shortWords = terms.filter((term) => term.whole).map((term) => term.word)
    const wholeQuery = words.join(' & ')
    const prefixQuery = words.map((word) => `${word}:*`).join(' & ')

    const { rows, total } = await this.withTimeout(async (trx) => {
      const matches = trx
        .from('messages')
        .join('rooms', 'rooms.id', 'messages.room_id')
        .where('messages.kind', 'message')
        .whereNull('messages.deleted_at')
      for (const { word } of terms.filter((term) => !term.whole)) {
        matches.whereRaw('messages.search_text LIKE ?', [`%${word}%`])
      }
      Room.visibleTo(matches, userId)
      if (input.room) {
        matches.where('messages.room_id', input.room)
      }

      const ids = await newestMatches(trx, matches, shortWords, input.room)
      const pageRows: HitRow[] =
        ids.length === 0
          ? []
          : await trx
              .from('messages')
              .join('rooms', 'rooms.id', 'messages.room_id')
              .join('users', 'users.id', 'messages.user_id')
              .whereIn('messages.id', ids)
              .select(
                'messages.room_id',
                'rooms.name as room_name',
                'messages.seq',
                'messages.user_id',
                'users.username',
                'messages.created_at',
                'messages.edited_at',
                'messages.body',
                'messages.body_html'
              )
              .orderByRaw(
                `CASE WHEN messages.search_vector @@ to_tsquery('simple', ?) THEN 0
                  WHEN messages.search_vector @@ to_tsquery('simple', ?) THEN 1 ELSE 2 END`,
                [wholeQuery, prefixQuery]
              )
              .orderByRaw(`ts_rank(messages.search_vector, to_tsquery('simple', ?)) DESC`, [
                prefixQuery,
              ])
              .orderBy('messages.created_at', 'desc')
              .orderBy('messages.id', 'desc')
              .limit(perPage)
              .offset((page - 1) * perPage)
      return { rows: pageRows, total: ids.length }
    })
    const texts = rows.map((row) => (row.body_html ? renderedText(row.body_html) : row.body))
    const fold = await this.folder(texts)
    return {
      hits: rows.map((row, index) => toHit(row, texts[index], terms, fold)),
      total,
      capped: total >= MAX_SEARCH_CANDIDATES,
      page,
      perPage,
      lastPage: Math.max(1, Math.ceil(total / perPage)),
    }
  }

  /**
   * Runs `queries` in a transaction whose statements PostgreSQL cancels past
   * the configured timeout, without parallel workers (a search's passes stop
   * after a LIMIT: workers would add their start and a merge, not speed)
   */
  private async withTimeout<Result>(queries: (trx: TransactionClientContract) => Promise<Result>) {
    const timeoutMs = app.config.get<number>('search.statementTimeoutMs')
    try {
      return await db.transaction(async (trx) => {
        await trx.rawQuery(
          `SELECT set_config('statement_timeout', ?, true),
            set_config('max_parallel_workers_per_gather', '0', true)`,
          [`${timeoutMs}ms`]
        )
        return queries(trx)
      })
    } catch (error) {
      return SearchTimeoutException.rethrow(error)
    }
  }

  /**
   * The distinct words of `q`, lower-cased and unaccented by PostgreSQL so
   * they compare with the indexed text
   */
  private async queryWords(q: string) {
    const { rows } = await db.rawQuery<{ rows: Array<{ folded: string }> }>(
      'SELECT immutable_unaccent(lower(?)) AS folded',
      [q]
    )
    const words = rows[0].folded.match(WORD) ?? []
    return [...new Set(words)].slice(0, MAX_WORDS)
  }

  /**
   * A character folder that agrees with PostgreSQL's
   * immutable_unaccent(lower(…)): ASCII is only lower-cased; the other
   * characters of `bodies` are folded by the database in one query
   */
  private async folder(bodies: string[]) {
    const others = new Set<string>()
    for (const body of bodies) {
      for (const character of body) {
        if (character.codePointAt(0)! > 0x7f) {
          others.add(character)
        }
      }
    }
    const folded = new Map<string, string>()
    if (others.size > 0) {
      const { rows } = await db.rawQuery<{ rows: Array<{ original: string; folded: string }> }>(
        `SELECT original, immutable_unaccent(lower(original)) AS folded
          FROM jsonb_array_elements_text(?::jsonb) AS original`,
        [JSON.stringify([...others])]
      )
      for (const row of rows) {
        folded.set(row.original, row.folded)
      }
    }
    return (character: string) => folded.get(character) ?? character.toLowerCase()
  }
}

/**
 * A result row as a hit with its snippet, cut from `text` (what a reader
 * sees of the message)
 */
function toHit(
  row: HitRow,
  text: string,
  terms: SnippetTerm[],
  fold: (character: string) => string
) {
  return {
    room: { id: row.room_id, name: row.room_name },
    seq: row.seq,
    author: { id: row.user_id, username: row.username },
    createdAt: DateTime.fromJSDate(row.created_at),
    editedAt: row.edited_at ? DateTime.fromJSDate(row.edited_at) : null,
    snippet: snippetHtml(buildSnippet(text, terms, fold)),
  }
}

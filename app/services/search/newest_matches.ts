import type { TransactionClientContract } from '@adonisjs/lucid/types/database'

/**
 * Only the newest this many matches are ranked and counted: finding them
 * costs one index recheck per match, so a very common word ("the") would
 * otherwise recheck, rank and count a large part of the table
 */
export const MAX_SEARCH_CANDIDATES = 1000

/**
 * Entries of the scope searched (the table, or one room's log) searched
 * first for the newest matches (older ones only when they hold too few)
 */
export const NEWEST_WINDOW = 50_000

/**
 * Most older rows a search expects to walk back through (~60 ms, along the
 * primary key or a room's search index) rather than recheck trigram
 * candidates
 */
const MAX_WALK = 200_000

/**
 * Ids of the newest MAX_SEARCH_CANDIDATES messages `matches` finds that
 * also hold every one of `wholeWords` as a whole word, newest first:
 * among the newest NEWEST_WINDOW entries of the scope (the table, or the one
 * `room` searched), then, when they hold too few, among the older ones. The
 * planner misjudges how many rows a trigram pattern matches, so each pass
 * is told its path: the window is walked back, a cheap LIKE on the stored
 * folded text per row (~15 ms for 50,000 rows, where a bitmap would recheck
 * every match in the table: 300 ms for a word in 3 % of messages), along the
 * primary key, or in one room along `messages_room_search`, which holds the
 * folded text (a room's rows are scattered over the table: one heap page
 * each); the older rows the same way (sequential scans off too: the planner
 * would rather read the whole table in parallel and sort, 400 ms, than stop
 * after the few thousand rows it needs) when the window's share of matches
 * says the rest is near (walksBack), else through the trigram index on
 * (room, folded text): rare words, few candidates.
 */
export async function newestMatches(
  trx: TransactionClientContract,
  matches: ReturnType<TransactionClientContract['from']>,
  wholeWords: string[],
  room: number | undefined
) {
  const [{ newest }] = await trx.from('messages').max('id as newest')
  const high = Number(newest ?? 0)
  const low = await windowStart(trx, high, room)
  const ids: number[] = []
  for (const [above, upTo] of [
    [low, high],
    [0, low],
  ]) {
    if (ids.length === MAX_SEARCH_CANDIDATES || upTo === 0) {
      break
    }
    const walk = above === low || walksBack(ids.length)
    await trx.rawQuery(
      `SELECT set_config('enable_bitmapscan', ?, true), set_config('enable_indexscan', ?, true),
        set_config('enable_seqscan', ?, true)`,
      walk ? ['off', 'on', 'off'] : ['on', 'off', 'on']
    )
    const found = await whereWholeWords(matches.clone(), wholeWords, walk && room !== undefined)
      .select('messages.id')
      .where('messages.id', '>', above)
      .where('messages.id', '<=', upTo)
      .orderBy('messages.id', 'desc')
      .limit(MAX_SEARCH_CANDIDATES - ids.length)
    ids.push(...found.map((row) => row.id as number))
  }
  await trx.rawQuery(
    `SELECT set_config('enable_bitmapscan', 'on', true), set_config('enable_indexscan', 'on', true),
      set_config('enable_seqscan', 'on', true)`
  )
  return ids
}

/**
 * Narrows `query` to messages holding every one of `words` as a whole word:
 * by their stored `search_vector` (whose GIN index a trigram pass may use),
 * or, `fromText`, by the folded text a room's search index holds (a word is
 * part of that text, so a LIKE first spares most rows the tsvector)
 */
function whereWholeWords<Query extends ReturnType<TransactionClientContract['from']>>(
  query: Query,
  words: string[],
  fromText: boolean
) {
  if (words.length === 0) {
    return query
  }
  const wholeQuery = words.join(' & ')
  if (!fromText) {
    return query.whereRaw(`messages.search_vector @@ to_tsquery('simple', ?)`, [wholeQuery])
  }
  for (const word of words) {
    query.whereRaw('messages.search_text LIKE ?', [`%${word}%`])
  }
  return query.whereRaw(`to_tsvector('simple', messages.search_text) @@ to_tsquery('simple', ?)`, [
    wholeQuery,
  ])
}

/**
 * The id below the newest NEWEST_WINDOW entries of the scope searched: of
 * the table (whose newest id is `newest`), or of `room`'s log (the id of its
 * entry NEWEST_WINDOW before its last seq; 0 when it has no older entry)
 */
async function windowStart(
  trx: TransactionClientContract,
  newest: number,
  room: number | undefined
) {
  if (room === undefined) {
    return Math.max(0, newest - NEWEST_WINDOW)
  }
  const { rows } = await trx.rawQuery<{ rows: Array<{ id: string }> }>(
    `SELECT id FROM messages
      WHERE room_id = ? AND seq <= (SELECT last_seq FROM rooms WHERE id = ?) - ?
      ORDER BY seq DESC LIMIT 1`,
    [room, room, NEWEST_WINDOW]
  )
  return rows.length === 0 ? 0 : Number(rows[0].id)
}

/**
 * Whether the rows older than the window are better walked back than looked
 * up in the trigram index: when the window's matches say the missing ones
 * lie within the next MAX_WALK rows (a word in ≥ ~0.4 % of messages, whose
 * trigram candidates would be thousands of scattered rows to recheck)
 */
function walksBack(foundInWindow: number) {
  const missing = MAX_SEARCH_CANDIDATES - foundInWindow
  return foundInWindow > 0 && (missing * NEWEST_WINDOW) / foundInWindow <= MAX_WALK
}

import type { ChainableContract } from '@adonisjs/lucid/types/querybuilder'

/**
 * Narrows `query` to rows whose SQL `expression` contains every word of
 * `term` as typed, ignoring case and diacritics: "phong viet" matches
 * "Phòng Việt Nam". Index `immutable_unaccent(<expression>)` with
 * gin_trgm_ops to keep it fast (see the accent-insensitive search migration).
 */
export function whereContainsEveryWord<Query extends ChainableContract>(
  query: Query,
  expression: string,
  term: string | undefined
) {
  for (const word of (term ?? '').split(/\s+/).filter(Boolean)) {
    query.whereRaw(`immutable_unaccent(${expression}) ILIKE '%' || immutable_unaccent(?) || '%'`, [
      escapeLike(word),
    ])
  }
  return query
}

/**
 * Escapes LIKE wildcards so user input matches literally
 */
function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}

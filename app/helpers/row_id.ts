import vine from '@vinejs/vine'

/**
 * Ids and seqs are PostgreSQL `integer`s: a bigger number names no row (and
 * the database would refuse to compare a column with it)
 */
export const MAX_ROW_ID = 2 ** 31 - 1

/**
 * Whether `value` can name a row: a whole number from 1 to MAX_ROW_ID
 */
export function isRowId(value: number) {
  return Number.isInteger(value) && value >= 1 && value <= MAX_ROW_ID
}

/**
 * VineJS field of a row id (a room to search in, a seq to page back from)
 */
export function rowIdField() {
  return vine.number().withoutDecimals().min(1).max(MAX_ROW_ID)
}

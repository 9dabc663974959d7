import vine from '@vinejs/vine'
import { rowIdField } from '#helpers/row_id'
import { MAX_SEARCH_PER_PAGE } from '#services/search/message_search_service'

/**
 * Optional room to search in (room ids are PostgreSQL integers)
 */
const roomField = () => rowIdField().optional()

/**
 * Optional page number and page size
 */
const pageFields = () => ({
  page: vine.number().withoutDecimals().min(1).max(1000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(MAX_SEARCH_PER_PAGE).optional(),
})

/**
 * A message search: 3–200 characters after trimming (shorter queries match
 * too much to be useful), optionally in one room, one page at a time
 */
export const searchMessagesValidator = vine.create({
  q: vine.string().trim().minLength(3).maxLength(200),
  room: roomField(),
  ...pageFields(),
})

/**
 * The search page's scope before a query is typed: the room it searches in
 */
export const searchScopeValidator = vine.create({
  room: roomField(),
})

import Room from '#models/room'
import { whereContainsEveryWord } from '#services/search/accent_insensitive_search'
import type User from '#models/user'

/**
 * Rooms per page of the browse page
 */
const ROOMS_PER_PAGE = 20

/**
 * The searched text of a room; the rooms_search_unaccent_trgm index is built on it
 */
const ROOM_SEARCH_TEXT = `rooms.name || ' ' || coalesce(rooms.description, '')`

/**
 * How the browse page orders rooms: latest activity (the newest log entry,
 * or the creation of a room without one) first, or by name
 */
export type RoomOrder = 'activity' | 'name'

/**
 * The browse-rooms page's list: the rooms a user may see (the visibility
 * rule: public rooms, and private rooms they are in; direct conversations
 * are listed apart), searched by name and description, in the chosen
 * order, one page at a time
 */
export default class RoomDirectory {
  /**
   * One page of the rooms `viewer` may see matching `term`, ordered by `order`
   */
  browse(viewer: User, options: { term?: string; order?: RoomOrder; page?: number }) {
    const query = Room.query()
      .withScopes((scopes) => scopes.visibleTo(viewer.id))
      .where('rooms.kind', 'room')
      .preload('owner')
    whereContainsEveryWord(query, ROOM_SEARCH_TEXT, options.term)
    if (options.order === 'name') {
      query.orderByRaw('lower(rooms.name)')
    } else {
      query
        .leftJoin('messages as head', (join) => {
          join.on('head.room_id', 'rooms.id').andOn('head.seq', 'rooms.last_seq')
        })
        .select('rooms.*')
        .orderByRaw('coalesce(head.created_at, rooms.created_at) DESC')
    }
    return query.orderBy('rooms.id', 'desc').paginate(options.page ?? 1, ROOMS_PER_PAGE)
  }
}

import User from '#models/user'
import Room from '#models/room'
import { whereContainsEveryWord } from '#services/search/accent_insensitive_search'

/**
 * Rows per page of the admin's lists
 */
const PER_PAGE = 25

/**
 * What the instance admin looks through: every account and every room (not
 * direct conversations, which are their people's), searched by name like
 * the rooms list (every word, ignoring case and accents)
 */
export default class AdminDirectoryService {
  /**
   * Accounts whose username or display name has every word of `q`, newest
   * first; deleted accounts are left out
   */
  users(q: string | undefined, page: number) {
    const query = User.query()
      .whereRaw("username NOT LIKE 'deleted user %'")
      .orderBy('id', 'desc')
    whereContainsEveryWord(query, "username || ' ' || coalesce(display_name, '')", q)
    return query.paginate(page, PER_PAGE)
  }

  /**
   * Rooms whose name has every word of `q`, newest first, with their owner
   */
  rooms(q: string | undefined, page: number) {
    const query = Room.query().where('kind', 'room').preload('owner').orderBy('id', 'desc')
    whereContainsEveryWord(query, 'name', q)
    return query.paginate(page, PER_PAGE)
  }
}

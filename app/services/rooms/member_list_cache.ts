import { createHash } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#models/user'
import type { RosterMember } from '#services/rooms/room_roster_service'

/**
 * The rendered lists the cache holds at most, in UTF-16 code units (~2 bytes each): 4 MB
 */
const MEMBER_LISTS_CACHE_SIZE = 2 * 1024 * 1024

/**
 * The room page's members pane list (partials/rooms/member_names.edge) as rendered markup
 * shared across requests, readers and rooms with the same list: up to a hundred avatars,
 * presence dots and links drawn once instead of on every page and room switch. The key is
 * everything the markup is drawn from, as this request read it (each member's id, username,
 * display name and avatar; whose room it is; the language), so a rename, a new avatar, a
 * join or a leave gives a new key on the next view, on every node. Least recently used
 * evicted beyond MEMBER_LISTS_CACHE_SIZE.
 */
export default class MemberListCache {
  #lists: LRUCache<string, string>

  constructor(maxSize = MEMBER_LISTS_CACHE_SIZE) {
    this.#lists = new LRUCache({
      maxSize,
      sizeCalculation: (markup, key) => markup.length + key.length,
    })
  }

  /**
   * How many lists and code units are held
   */
  get stats() {
    return { lists: this.#lists.size, size: this.#lists.calculatedSize }
  }

  /**
   * The markup of `members` for the room page of `room`, from the cache or rendered with
   * `view` (the request's renderer) and stored
   */
  render(
    view: HttpContext['view'],
    state: { members: RosterMember[]; room: { ownerId: number; isDirect: boolean }; locale: string }
  ) {
    const { members, room, locale } = state
    const key = createHash('sha256')
      .update(
        JSON.stringify([
          locale,
          room.isDirect ? null : room.ownerId,
          members.map((member) => [
            member.id,
            member.username,
            member.display_name,
            member.avatar_key,
          ]),
        ])
      )
      .digest('base64url')
    let markup = this.#lists.get(key)
    if (markup === undefined) {
      markup = view.renderSync('partials/rooms/member_names', {
        members: User.$createMultipleFromAdapterResult(members),
        room,
      })
      this.#lists.set(key, markup)
    }
    return markup
  }
}

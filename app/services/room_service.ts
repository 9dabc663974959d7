import Room from '#models/room'
import type User from '#models/user'

/**
 * Rooms per page in lists and search results
 */
export const ROOMS_PER_PAGE = 20

/**
 * Creating, finding and deleting rooms
 */
export default class RoomService {
  /**
   * Rooms whose name or description contains every word of `term` (any
   * case), newest activity first, one page at a time
   */
  search(term: string | undefined, page = 1) {
    const query = Room.query().preload('owner').orderBy('updated_at', 'desc').orderBy('id', 'desc')
    for (const word of (term ?? '').split(/\s+/).filter(Boolean)) {
      query.whereRaw(`(name || ' ' || coalesce(description, '')) ILIKE ?`, [`%${escapeLike(word)}%`])
    }
    return query.paginate(page, ROOMS_PER_PAGE)
  }

  /**
   * Creates a room owned by `owner`
   */
  create(owner: User, payload: { name: string; description?: string | null }) {
    return Room.create({
      name: payload.name,
      description: payload.description ?? null,
      ownerId: owner.id,
      lastSeq: 0,
    })
  }

  /**
   * A room with its owner loaded, or a 404
   */
  async findOrFail(id: number) {
    const room = await Room.findOrFail(id)
    await room.load('owner')
    return room
  }

  /**
   * Deletes the room; its messages go with it (ON DELETE CASCADE)
   */
  async delete(room: Room) {
    await room.delete()
  }
}

/**
 * Escapes LIKE wildcards so user input matches literally
 */
function escapeLike(value: string) {
  return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}

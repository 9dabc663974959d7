import app from '@adonisjs/core/services/app'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Room from '#models/room'
import { ChatPublisher } from '#chat/src/chat_publisher'
import { whereContainsEveryWord } from '#services/accent_insensitive_search'
import { announceRoomCreated, announceRoomDeleted } from '#services/lobby_broadcaster'
import type User from '#models/user'

/**
 * Rooms per page in lists and search results
 */
export const ROOMS_PER_PAGE = 20

/**
 * Room ids are PostgreSQL `integer`s: a bigger id names no room (and the
 * database would refuse to compare with it)
 */
const MAX_ROOM_ID = 2 ** 31 - 1

/**
 * The searched text of a room; the rooms_search_unaccent_trgm index is built on it
 */
const ROOM_SEARCH_TEXT = `name || ' ' || coalesce(description, '')`

/**
 * Creating, finding and deleting rooms
 */
export default class RoomService {
  /**
   * Rooms whose name or description contains every word of `term`, ignoring
   * case and diacritics, newest activity first, one page at a time
   */
  search(term: string | undefined, page = 1) {
    const query = Room.query().preload('owner').orderBy('updated_at', 'desc').orderBy('id', 'desc')
    whereContainsEveryWord(query, ROOM_SEARCH_TEXT, term)
    return query.paginate(page, ROOMS_PER_PAGE)
  }

  /**
   * Creates a room owned by `owner` and shows it in every open lobby
   */
  async create(owner: User, payload: { name: string; description?: string | null }) {
    const room = await Room.create({
      name: payload.name,
      description: payload.description ?? null,
      ownerId: owner.id,
      lastSeq: 0,
    })
    announceRoomCreated(room, owner.username)
    return room
  }

  /**
   * A room with its owner loaded, or a 404
   */
  async findOrFail(id: number) {
    if (!Number.isInteger(id) || id < 1 || id > MAX_ROOM_ID) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Room)
    }
    const room = await Room.findOrFail(id)
    await room.load('owner')
    return room
  }

  /**
   * Deletes the room; its messages go with it (ON DELETE CASCADE). Then
   * people in the room are told, in whichever process their socket lives,
   * and open lobbies drop it.
   */
  async delete(room: Room) {
    await room.delete()
    announceRoomDeleted(room.id)
    const chat = await app.container.make(ChatPublisher)
    await chat.roomDeleted(room.id)
  }
}

import { inject } from '@adonisjs/core'
import db from '@adonisjs/lucid/services/db'
import { errors as lucidErrors } from '@adonisjs/lucid'
import Room, { type RoomVisibility } from '#models/room'
import RoomMember from '#models/room_member'
import { ChatNode } from '#chat/index'
import { whereContainsEveryWord } from '#services/search/accent_insensitive_search'
import { announceRoomCreated, announceRoomDeleted } from '#services/lobby/lobby_broadcaster'
import { isRowId } from '#helpers/row_id'
import AttachmentFiles from '#services/attachments/attachment_files'
import User from '#models/user'

/**
 * Rooms per page in lists and search results
 */
const ROOMS_PER_PAGE = 20

/**
 * The searched text of a room; the rooms_search_unaccent_trgm index is built on it
 */
const ROOM_SEARCH_TEXT = `name || ' ' || coalesce(description, '')`

/**
 * Creating, finding and deleting rooms
 */
@inject()
export default class RoomService {
  constructor(
    protected chat: ChatNode,
    protected files: AttachmentFiles
  ) {}

  /**
   * Rooms `viewer` may see whose name or description contains every word of
   * `term`, ignoring case and diacritics, newest activity first, one page at
   * a time (direct conversations are listed apart, never here)
   */
  search(viewer: User, term: string | undefined, page = 1) {
    const query = Room.query()
      .withScopes((scopes) => scopes.visibleTo(viewer.id))
      .where('rooms.kind', 'room')
      .preload('owner')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
    whereContainsEveryWord(query, ROOM_SEARCH_TEXT, term)
    return query.paginate(page, ROOMS_PER_PAGE)
  }

  /**
   * Creates a room owned by `owner` (with the owner as its first member, in
   * the same transaction) and shows it in the lobbies that may see it
   */
  async create(
    owner: User,
    payload: { name: string; description?: string | null; visibility?: RoomVisibility }
  ) {
    const visibility = payload.visibility ?? 'public'
    const room = await db.transaction(async (trx) => {
      const created = await Room.create(
        {
          name: payload.name,
          description: payload.description ?? null,
          ownerId: owner.id,
          lastSeq: 0,
          visibility,
          kind: 'room',
          archivedAt: null,
        },
        { client: trx }
      )
      await RoomMember.create({ roomId: created.id, userId: owner.id }, { client: trx })
      return created
    })
    announceRoomCreated(room, owner.username, [owner.id])
    return room
  }

  /**
   * The room with its owner loaded when `viewer` may see it; otherwise a 404,
   * the same as for a room that does not exist. The room, its owner, the
   * visibility rule and whether `viewer` moderates it are read in one
   * statement.
   */
  async findVisibleOrFail(id: number, viewer: User) {
    if (!isRowId(id)) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Room)
    }
    const room = await Room.query()
      .where('rooms.id', id)
      .withScopes((scopes) => scopes.visibleTo(viewer.id))
      .join('users as owner', 'owner.id', 'rooms.owner_id')
      .select('rooms.*', Room.moderatedByColumn(viewer.id), ...ownerColumns())
      .first()
    if (!room) {
      throw new lucidErrors.E_ROW_NOT_FOUND(Room)
    }
    room.rememberModeratedBy(viewer.id, room.$extras.moderated_by_reader)
    room.$setRelated('owner', ownerReadWith(room))
    return room
  }

  /**
   * Deletes the room; its messages, members and attachments go with it (ON
   * DELETE CASCADE), then its stored files. Then people in the room are
   * told, in whichever process their socket lives, and the lobbies that
   * could see it drop it.
   */
  async delete(room: Room) {
    const memberIds = room.isPrivate ? await this.#memberIds(room) : []
    await room.delete()
    await this.files.removeRoom(room.id)
    announceRoomDeleted(room, memberIds)
    await this.chat.roomDeleted(room.id)
  }

  async #memberIds(room: Room) {
    const rows = await RoomMember.query().where('room_id', room.id).select('user_id')
    return rows.map((row) => row.userId)
  }
}

/** How the owner's columns are named in a room's row (ownerColumns) */
const OWNER_PREFIX = 'owner__'

/** ownerColumns' list, made on the first room read (the model's columns never change) */
let ownerColumnList: string[] | null = null

/**
 * Every column of the owner's `users` row (joined as `owner`), named apart
 * from the room's own
 */
function ownerColumns() {
  ownerColumnList ??= [...User.$columnsDefinitions.values()].map(
    ({ columnName }) => `owner.${columnName} as ${OWNER_PREFIX}${columnName}`
  )
  return ownerColumnList
}

/**
 * The owner read with `room` (ownerColumns), the model `load('owner')` would
 * make; their columns leave the room's extras
 */
function ownerReadWith(room: Room) {
  const row: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(room.$extras)) {
    if (!key.startsWith(OWNER_PREFIX)) continue
    row[key.slice(OWNER_PREFIX.length)] = value
    delete room.$extras[key]
  }
  return User.$createFromAdapterResult(row)!
}

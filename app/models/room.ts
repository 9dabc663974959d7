import { RoomSchema } from '#database/schema'
import { belongsTo, hasMany, manyToMany, scope } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import type {
  ChainableContract,
  ReferenceBuilderContract,
} from '@adonisjs/lucid/types/querybuilder'
import User from '#models/user'
import Message from '#models/message'
import db from '@adonisjs/lucid/services/db'

/**
 * The moderation rule's condition on a row of `rooms`, for one user (three
 * bindings: the user's id, each time)
 */
const MODERATED_BY = `rooms.kind = 'room' AND (
  rooms.owner_id = ?
  OR EXISTS (SELECT 1 FROM room_moderators WHERE room_id = rooms.id AND user_id = ?)
  OR EXISTS (SELECT 1 FROM users WHERE id = ? AND is_admin AND deactivated_at IS NULL)
)`

/**
 * Who may see a room: everyone signed in, or only its members
 */
export type RoomVisibility = 'public' | 'private'

/**
 * A room people name and join, or a direct conversation between a fixed set
 * of people (always private: its people are its members)
 */
export type RoomKind = 'room' | 'direct'

/**
 * A chat room. `lastSeq` is the head of its sequence log.
 *
 * The one rule of who may see a room lives here: everyone signed in sees a
 * public room, only its members (the owner is one) see a private one. Queries
 * ask `visibleTo`, a loaded room `isVisibleTo`; the chat asks it through
 * its RoomAccess port. A room a user may not see does not exist for them
 * (404, never 403).
 */
export default class Room extends RoomSchema {
  @belongsTo(() => User, { foreignKey: 'ownerId' })
  declare owner: BelongsTo<typeof User>

  @hasMany(() => Message)
  declare messages: HasMany<typeof Message>

  @manyToMany(() => User, {
    pivotTable: 'room_members',
    pivotTimestamps: { createdAt: 'created_at', updatedAt: false },
  })
  declare members: ManyToMany<typeof User>

  declare visibility: RoomVisibility

  declare kind: RoomKind

  /**
   * Narrows a query over `rooms` (a model query, or any query joining
   * `rooms`) to the rooms user `userId` may see; `userId` may be a column
   * of the query (`db.ref('marks.user_id')`) to ask it for each row
   */
  static visibleTo = scope(
    (query: ChainableContract, userId: number | ReferenceBuilderContract) => {
      query.where((visible) => {
        visible.where('rooms.visibility', 'public').orWhereExists((members) => {
          members
            .from('room_members')
            .whereColumn('room_members.room_id', 'rooms.id')
            .where('room_members.user_id', userId)
        })
      })
    }
  )

  /**
   * Whether only members see this room
   */
  get isPrivate() {
    return this.visibility === 'private'
  }

  /**
   * Whether the room is archived: read-only until its owner unarchives it
   */
  get isArchived() {
    return this.archivedAt !== null
  }

  /**
   * Whether this is a direct conversation (its people fixed, nobody owns it)
   */
  get isDirect() {
    return this.kind === 'direct'
  }

  /**
   * The one rule of who moderates a room (deletes anyone's message, mutes
   * and removes people): its owner, a moderator the owner chose, or an
   * active instance admin. A direct conversation has no moderators.
   */
  static async isModeratedBy(roomId: number, userId: number) {
    const result = await db.rawQuery<{ rows: Array<{ moderates: boolean }> }>(
      `SELECT EXISTS (SELECT 1 FROM rooms WHERE rooms.id = ? AND ${MODERATED_BY}) AS moderates`,
      [roomId, userId, userId, userId]
    )
    return result.rows[0].moderates
  }

  /**
   * `isModeratedBy` as a column of a query over `rooms`: whether user
   * `userId` moderates each row, as `moderated_by_reader`
   */
  static moderatedByColumn(userId: number) {
    return db.raw(`(${MODERATED_BY}) AS moderated_by_reader`, [userId, userId, userId])
  }

  /**
   * Answers of `isModeratedBy` for this instance, by user id
   */
  #moderatedBy = new Map<number, Promise<boolean>>()

  /**
   * Whether user `userId` moderates this room (`isModeratedBy`), asked once
   * per user for this loaded room: one request's policies and page ask
   * several times
   */
  isModeratedByUser(userId: number) {
    let answer = this.#moderatedBy.get(userId)
    if (!answer) {
      answer = Room.isModeratedBy(this.id, userId)
      this.#moderatedBy.set(userId, answer)
    }
    return answer
  }

  /**
   * Keeps the answer of `isModeratedBy` for user `userId` that was read with
   * this room (`moderatedByColumn`)
   */
  rememberModeratedBy(userId: number, moderates: boolean) {
    this.#moderatedBy.set(userId, Promise.resolve(moderates))
  }

  /**
   * Whether user `userId` may see this room (the instance form of `visibleTo`)
   */
  async isVisibleTo(userId: number) {
    const [visible] = await this.visibleAmong([userId])
    return visible === userId
  }

  /**
   * Those of `userIds` who may see this room, in their order (isVisibleTo
   * for many people in one query)
   */
  async visibleAmong(userIds: number[]) {
    if (!this.isPrivate || userIds.length === 0) {
      return userIds
    }
    const room: Room = this
    const rows = await room
      .related('members')
      .pivotQuery()
      .whereRaw('room_members.user_id = ANY(?::int[])', [userIds])
      .select('room_members.user_id')
    const members = new Set(rows.map((row: { user_id: number }) => row.user_id))
    return userIds.filter((userId) => members.has(userId))
  }
}

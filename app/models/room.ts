import { RoomSchema } from '#database/schema'
import { belongsTo, hasMany, manyToMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany, ManyToMany } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Message from '#models/message'

/**
 * Who may see a room: everyone signed in, or only its members
 */
export type RoomVisibility = 'public' | 'private'

/**
 * A chat room. `lastSeq` is the head of its sequence log. A private room is
 * seen only by its members (see #services/rooms/room_access).
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

  /**
   * Whether only members see this room
   */
  get isPrivate() {
    return this.visibility === 'private'
  }
}

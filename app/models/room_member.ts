import { RoomMemberSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Room from '#models/room'

/**
 * A user's membership of a private room (its owner is a member too). The
 * key is (room_id, user_id), which Lucid models cannot express: delete rows
 * with a query on both columns, never with `member.delete()`.
 */
export default class RoomMember extends RoomMemberSchema {
  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Room)
  declare room: BelongsTo<typeof Room>
}

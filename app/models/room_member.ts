import { RoomMemberSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#models/user'
import Room from '#models/room'

/**
 * What a member hears of a room: every message (`all`), only mentions of
 * them (`mentions`, shown as "muted"), or `nothing`
 */
export const NOTIFICATION_LEVELS = ['all', 'mentions', 'nothing'] as const

/**
 * One of NOTIFICATION_LEVELS
 */
export type NotificationLevel = (typeof NOTIFICATION_LEVELS)[number]

/**
 * A user's membership of a room: the rooms in their sidebar. For a private
 * room it is also the right to see it (the owner is a member); for a public
 * room, which everyone may read, it is joining. `favourite` sorts it first,
 * `notificationLevel` says what counts as unread. The key is (room_id,
 * user_id), which Lucid models cannot express: delete rows with a query on
 * both columns, never with `member.delete()`.
 */
export default class RoomMember extends RoomMemberSchema {
  declare notificationLevel: NotificationLevel

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Room)
  declare room: BelongsTo<typeof Room>
}

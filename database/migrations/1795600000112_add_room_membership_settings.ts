import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Owners of public rooms and everyone who posted in them (deleted accounts,
 * "deleted user N", excepted) become members; existing members are kept
 */
export const PUBLIC_MEMBERS_BACKFILL = `INSERT INTO room_members (room_id, user_id, created_at)
   SELECT rooms.id, rooms.owner_id, rooms.created_at FROM rooms
   WHERE rooms.visibility = 'public'
   UNION
   SELECT messages.room_id, messages.user_id, min(messages.created_at) FROM messages
   JOIN rooms ON rooms.id = messages.room_id AND rooms.visibility = 'public'
   JOIN users ON users.id = messages.user_id AND users.username NOT LIKE 'deleted user %'
   WHERE messages.kind = 'message'
   GROUP BY messages.room_id, messages.user_id
   ON CONFLICT (room_id, user_id) DO NOTHING`

/**
 * Membership of public rooms too (join / leave), with per-member settings:
 * `favourite` (sorted first in the sidebar) and `notification_level`
 * (`all`, `mentions` — "muted": only mentions count — or `nothing`).
 * Existing public rooms get their owners and everyone who posted in them as
 * members (deleted accounts excepted: their memberships were deleted with them).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('room_members', (table) => {
      table.boolean('favourite').notNullable().defaultTo(false)
      table.string('notification_level', 16).notNullable().defaultTo('all')
    })
    this.schema.raw(
      `ALTER TABLE room_members ADD CONSTRAINT room_members_notification_level_check
       CHECK (notification_level IN ('all', 'mentions', 'nothing'))`
    )
    this.defer(async (db) => {
      await db.rawQuery(PUBLIC_MEMBERS_BACKFILL)
    })
  }

  async down() {
    this.defer(async (db) => {
      await db.rawQuery(
        `DELETE FROM room_members USING rooms
         WHERE rooms.id = room_members.room_id AND rooms.visibility = 'public'`
      )
    })
    this.schema.alterTable('room_members', (table) => {
      table.dropColumn('favourite')
      table.dropColumn('notification_level')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `rooms.member_count` holds how many members a room has, kept by the
 * triggers that already move `roster_version` on every member added or
 * removed (any path, account deletion's cascade included), in the same
 * update of the room's row. The lobby shows each room's count on every view
 * and no longer counts a crowded room's members each time.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('rooms', (table) => {
      table.integer('member_count').notNullable().defaultTo(0)
    })
    this.schema.raw(`
      UPDATE rooms SET member_count =
        (SELECT count(*) FROM room_members WHERE room_members.room_id = rooms.id)`)
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION rooms_roster_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE rooms SET
          roster_version = roster_version + 1,
          member_count = member_count
            + CASE TG_OP WHEN 'INSERT' THEN changed.members ELSE -changed.members END
        FROM (SELECT room_id, count(*)::int AS members FROM changed_members GROUP BY room_id)
          AS changed
        WHERE rooms.id = changed.room_id;
        RETURN NULL;
      END $$`)
  }

  async down() {
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION rooms_roster_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE rooms SET roster_version = roster_version + 1
        WHERE id IN (SELECT DISTINCT room_id FROM changed_members);
        RETURN NULL;
      END $$`)
    this.schema.alterTable('rooms', (table) => {
      table.dropColumn('member_count')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * `rooms.roster_version` moves whenever what the room page's members pane
 * shows of a room may have changed: a member added or removed (any path,
 * account deletion's cascade included), or a member's username, display
 * name or avatar changed. The web app holds a room's roster per
 * (room, roster_version), so a page reads the room row it reads anyway
 * instead of joining every member with their user row. Triggers, so no
 * code path can forget it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('rooms', (table) => {
      table.integer('roster_version').notNullable().defaultTo(0)
    })
    this.schema.raw(`
      CREATE FUNCTION rooms_roster_moved() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE rooms SET roster_version = roster_version + 1
        WHERE id IN (SELECT DISTINCT room_id FROM changed_members);
        RETURN NULL;
      END $$`)
    this.schema.raw(`
      CREATE TRIGGER room_members_added AFTER INSERT ON room_members
      REFERENCING NEW TABLE AS changed_members
      FOR EACH STATEMENT EXECUTE FUNCTION rooms_roster_moved()`)
    this.schema.raw(`
      CREATE TRIGGER room_members_removed AFTER DELETE ON room_members
      REFERENCING OLD TABLE AS changed_members
      FOR EACH STATEMENT EXECUTE FUNCTION rooms_roster_moved()`)
    this.schema.raw(`
      CREATE FUNCTION rooms_roster_member_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE rooms SET roster_version = roster_version + 1
        WHERE id IN (SELECT room_id FROM room_members WHERE user_id = NEW.id);
        RETURN NULL;
      END $$`)
    this.schema.raw(`
      CREATE TRIGGER users_roster_shown AFTER UPDATE OF username, display_name, avatar_key ON users
      FOR EACH ROW WHEN (
        OLD.username IS DISTINCT FROM NEW.username
        OR OLD.display_name IS DISTINCT FROM NEW.display_name
        OR OLD.avatar_key IS DISTINCT FROM NEW.avatar_key
      )
      EXECUTE FUNCTION rooms_roster_member_renamed()`)
  }

  async down() {
    this.schema.raw('DROP TRIGGER users_roster_shown ON users')
    this.schema.raw('DROP FUNCTION rooms_roster_member_renamed()')
    this.schema.raw('DROP TRIGGER room_members_removed ON room_members')
    this.schema.raw('DROP TRIGGER room_members_added ON room_members')
    this.schema.raw('DROP FUNCTION rooms_roster_moved()')
    this.schema.alterTable('rooms', (table) => {
      table.dropColumn('roster_version')
    })
  }
}

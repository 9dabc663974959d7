import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Direct messages are rooms of kind 'direct': private (their people are its
 * members, so the one visibility rule covers them) and unique per set of
 * people. `direct_key` is the sorted, comma-joined ids of those people; its
 * unique index makes opening the same conversation twice find the first.
 * Their names are not chosen by anyone, so the per-owner name index leaves
 * them out.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('rooms', (table) => {
      table.string('kind', 16).notNullable().defaultTo('room')
      table.string('direct_key', 128).nullable()
    })
    this.schema.raw(
      `ALTER TABLE rooms ADD CONSTRAINT rooms_kind_check CHECK (
        (kind = 'room' AND direct_key IS NULL)
        OR (kind = 'direct' AND direct_key IS NOT NULL AND visibility = 'private')
      )`
    )
    this.schema.raw(
      'CREATE UNIQUE INDEX rooms_direct_key_unique ON rooms (direct_key) WHERE direct_key IS NOT NULL'
    )
    this.schema.raw('DROP INDEX rooms_private_name_lower_unique')
    this.schema.raw(
      `CREATE UNIQUE INDEX rooms_private_name_lower_unique ON rooms (owner_id, lower(name)) WHERE visibility = 'private' AND kind = 'room'`
    )
  }

  async down() {
    this.schema.raw("DELETE FROM rooms WHERE kind = 'direct'")
    this.schema.raw('DROP INDEX rooms_private_name_lower_unique')
    this.schema.raw(
      `CREATE UNIQUE INDEX rooms_private_name_lower_unique ON rooms (owner_id, lower(name)) WHERE visibility = 'private'`
    )
    this.schema.raw('DROP INDEX rooms_direct_key_unique')
    this.schema.raw('ALTER TABLE rooms DROP CONSTRAINT rooms_kind_check')
    this.schema.alterTable('rooms', (table) => {
      table.dropColumn('direct_key')
      table.dropColumn('kind')
    })
  }
}

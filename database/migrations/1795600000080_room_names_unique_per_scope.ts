import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Room names are unique per scope, ignoring case: among public rooms, and
 * among one owner's private rooms. A name used by a private room you cannot
 * see is still free, so refusing it cannot reveal that the room exists.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('DROP INDEX rooms_name_lower_unique')
    this.schema.raw(
      `CREATE UNIQUE INDEX rooms_public_name_lower_unique ON rooms (lower(name)) WHERE visibility = 'public'`
    )
    this.schema.raw(
      `CREATE UNIQUE INDEX rooms_private_name_lower_unique ON rooms (owner_id, lower(name)) WHERE visibility = 'private'`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX rooms_private_name_lower_unique')
    this.schema.raw('DROP INDEX rooms_public_name_lower_unique')
    this.schema.raw('CREATE UNIQUE INDEX rooms_name_lower_unique ON rooms (lower(name))')
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Avatars: `avatar_key` names the current picture's files on the drive disk
 * (`avatars/<user id>/<key>-<size>.webp`, one per size); a new upload gets a
 * new key, so its URLs can be cached for good. Null: initials are shown.
 */
export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('avatar_key', 32).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('avatar_key')
    })
  }
}

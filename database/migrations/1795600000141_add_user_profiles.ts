import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * People: a display name shown where names appear (the username stays for
 * mentions and sign-in) and the IANA time zone last reported by their
 * browser, for the local time on their profile card
 */
export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('display_name', 64).nullable()
      table.string('time_zone', 64).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('time_zone')
      table.dropColumn('display_name')
    })
  }
}

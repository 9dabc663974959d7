import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Read markers: the last seq each user has read in each room. Unread counts
 * and the "new messages" divider come from it; it only ever moves forward.
 */
export default class extends BaseSchema {
  protected tableName = 'room_reads'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.integer('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.bigInteger('last_read_seq').notNullable().defaultTo(0)
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.primary(['user_id', 'room_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}

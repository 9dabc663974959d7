import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'messages'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id').notNullable()
      table.integer('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      // Position in the room's sequence log: 1, 2, 3… with no gap
      table.bigInteger('seq').notNullable()
      // Sender-chosen id that makes a resend idempotent
      table.string('client_id', 64).nullable()
      table.text('body').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()

      table.unique(['room_id', 'seq'])
      table.unique(['room_id', 'user_id', 'client_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Files attached to messages. The bytes live on the drive disk under
 * `disk_key` (and a thumbnail under `thumbnail_key` for images); the row
 * holds what the content was sniffed to be. A message points at its file
 * (`messages.attachment_id`), so the log entry carries it and replays it.
 * A room's files go with the room (CASCADE); deleting a message deletes its
 * attachment row, which clears the message's pointer (SET NULL).
 */
export default class extends BaseSchema {
  protected tableName = 'attachments'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.integer('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('disk_key', 200).notNullable().unique()
      table.string('thumbnail_key', 200).nullable()
      table.string('name', 255).notNullable()
      table.string('mime_type', 100).notNullable()
      table.bigInteger('size').notNullable()
      table.integer('width').nullable()
      table.integer('height').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id'])
      table.index(['room_id'])
    })
    this.schema.alterTable('messages', (table) => {
      table
        .integer('attachment_id')
        .nullable()
        .references('id')
        .inTable('attachments')
        .onDelete('SET NULL')
      table.unique(['attachment_id'])
    })
  }

  async down() {
    this.schema.alterTable('messages', (table) => {
      table.dropColumn('attachment_id')
    })
    this.schema.dropTable(this.tableName)
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The request each API `Idempotency-Key` was first used with (a SHA-256 of
 * its body), per user and room: a retry with the same body is answered from
 * the log (the key is the message's `client_id`), another body with the
 * same key is refused with 409 E_IDEMPOTENCY_KEY_REUSED.
 */
export default class extends BaseSchema {
  protected tableName = 'api_idempotency_keys'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.integer('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.string('key', 64).notNullable()
      table.string('request_hash', 64).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['user_id', 'room_id', 'key'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}

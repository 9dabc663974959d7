import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Invite links: a random token (only its SHA-256 hash is stored) that lets
 * someone register (REGISTRATION=invite) and, with a room, join it. Room
 * owners create them for their room, `node ace invite:create` for the
 * instance. `uses` counts redemptions up to `max_uses`; an invite past
 * `expires_at` or revoked no longer works.
 */
export default class extends BaseSchema {
  protected tableName = 'invites'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table.string('token_hash', 64).notNullable().unique()
      table.integer('created_by').nullable().references('id').inTable('users').onDelete('CASCADE')
      table.integer('room_id').nullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.integer('max_uses').notNullable()
      table.integer('uses').notNullable().defaultTo(0)
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['room_id'])
    })
    this.schema.raw(
      'ALTER TABLE invites ADD CONSTRAINT invites_uses_check CHECK (max_uses >= 1 AND uses >= 0 AND uses <= max_uses)'
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Private rooms: a room is public (anyone signed in may read and post) or
 * private (members only). The owner is always a member.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('rooms', (table) => {
      table.string('visibility', 16).notNullable().defaultTo('public')
    })
    this.schema.raw(
      `ALTER TABLE rooms ADD CONSTRAINT rooms_visibility_check CHECK (visibility IN ('public', 'private'))`
    )
    this.schema.createTable('room_members', (table) => {
      table.integer('room_id').notNullable().references('id').inTable('rooms').onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['room_id', 'user_id'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('room_members')
    this.schema.alterTable('rooms', (table) => {
      table.dropColumn('visibility')
    })
  }
}

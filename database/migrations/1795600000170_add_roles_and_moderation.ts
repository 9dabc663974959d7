import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Roles and moderation: an instance admin flag (the first account becomes
 * admin), deactivated accounts, room moderators chosen by the owner, and
 * time-limited mutes of a user in a room
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.boolean('is_admin').notNullable().defaultTo(false)
      table.timestamp('deactivated_at', { useTz: true }).nullable()
    })
    this.schema.createTable('room_moderators', (table) => {
      table.integer('room_id').unsigned().notNullable().references('rooms.id').onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['room_id', 'user_id'])
    })
    this.schema.createTable('room_mutes', (table) => {
      table.integer('room_id').unsigned().notNullable().references('rooms.id').onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.integer('muted_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('until', { useTz: true }).notNullable()
      table.primary(['room_id', 'user_id'])
    })
    this.defer(async (db) => {
      await db.rawQuery(
        `UPDATE users SET is_admin = true
         WHERE id = (SELECT min(id) FROM users WHERE username NOT LIKE 'deleted user %')
           AND NOT EXISTS (SELECT 1 FROM users WHERE is_admin)`
      )
    })
  }

  async down() {
    this.schema.dropTable('room_mutes')
    this.schema.dropTable('room_moderators')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('deactivated_at')
      table.dropColumn('is_admin')
    })
  }
}

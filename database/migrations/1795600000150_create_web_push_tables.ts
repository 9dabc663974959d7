import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Web Push: the instance's VAPID key pair (one row, made on first use, kept
 * so browsers' subscriptions stay valid) and each user's push
 * subscriptions, one per browser (its endpoint is unique), with the sign-in
 * (`credential`, as the chat keys it) that made it: signing out deletes it.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('web_push_keys', (table) => {
      table.smallint('id').primary().checkIn(['1'])
      table.string('public_key', 100).notNullable()
      table.string('private_key', 100).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
    })
    this.schema.createTable('push_subscriptions', (table) => {
      table.bigIncrements('id')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('endpoint', 1000).notNullable().unique()
      table.string('p256dh', 100).notNullable()
      table.string('auth', 50).notNullable()
      table.string('credential', 100).notNullable().index()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['user_id', 'updated_at'])
    })
  }

  async down() {
    this.schema.dropTable('push_subscriptions')
    this.schema.dropTable('web_push_keys')
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Webhooks and bots: bot accounts (no password sign-in; API tokens), a
 * room's incoming webhooks (a secret URL that posts as the webhook's bot)
 * and outgoing webhooks (the room's new messages POSTed to a URL, signed),
 * whose deliveries wait in a queue with their next attempt
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.boolean('is_bot').notNullable().defaultTo(false)
    })
    this.schema.createTable('room_webhooks', (table) => {
      table.increments('id')
      table.integer('room_id').unsigned().notNullable().references('rooms.id').onDelete('CASCADE')
      table.string('direction', 8).notNullable()
      table.string('name', 64).notNullable()
      /* incoming: SHA-256 of the URL's secret token, and the bot it posts as */
      table.string('token_hash', 64).nullable().unique()
      table.integer('bot_user_id').unsigned().nullable().references('users.id').onDelete('CASCADE')
      /* outgoing: where to POST, and the HMAC key (encrypted with APP_KEY) */
      table.text('url').nullable()
      table.text('secret').nullable()
      table.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.integer('failures').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('last_delivered_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['room_id', 'direction'])
    })
    this.schema.raw(
      `ALTER TABLE room_webhooks ADD CONSTRAINT room_webhooks_direction_check CHECK (
        (direction = 'incoming' AND token_hash IS NOT NULL AND bot_user_id IS NOT NULL)
        OR (direction = 'outgoing' AND url IS NOT NULL AND secret IS NOT NULL)
      )`
    )
    this.schema.createTable('webhook_deliveries', (table) => {
      table.bigIncrements('id')
      table
        .integer('webhook_id')
        .unsigned()
        .notNullable()
        .references('room_webhooks.id')
        .onDelete('CASCADE')
      table.jsonb('payload').notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.text('last_error').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.index(['next_attempt_at'])
    })
  }

  async down() {
    this.schema.dropTable('webhook_deliveries')
    this.schema.dropTable('room_webhooks')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('is_bot')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * E-mail addresses on accounts (optional unless EMAIL_REQUIRED; unique
 * ignoring case; `email_verified_at` set by a verification link or a
 * password reset) and the single-use links mailed to them: only a SHA-256
 * hash of each token is stored, with its purpose, the address it was sent
 * to and its expiry.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.string('email', 254).nullable()
      table.timestamp('email_verified_at', { useTz: true }).nullable()
    })
    this.schema.raw('CREATE UNIQUE INDEX users_email_lower_unique ON users (lower(email))')

    this.schema.createTable('user_tokens', (table) => {
      table.increments('id')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.string('purpose', 32).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.string('email', 254).notNullable()
      table.timestamp('expires_at', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'purpose'])
    })
  }

  async down() {
    this.schema.dropTable('user_tokens')
    this.schema.raw('DROP INDEX users_email_lower_unique')
    this.schema.alterTable('users', (table) => {
      table.dropColumn('email_verified_at')
      table.dropColumn('email')
    })
  }
}

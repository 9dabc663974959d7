import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Chat tickets are single-use and die with the sign-in they came from, on
 * every chat process: `chat_ticket_redemptions` holds the nonce of each redeemed
 * ticket until it would have expired (a second redemption finds it), and
 * `chat_sign_outs` the ended sign-ins (a hashed session id or an access
 * token id) whose tickets and sockets no longer count
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('chat_ticket_redemptions', (table) => {
      table.uuid('nonce').primary()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
    })
    this.schema.createTable('chat_sign_outs', (table) => {
      table.string('credential', 80).primary()
      table.timestamp('expires_at', { useTz: true }).notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable('chat_sign_outs')
    this.schema.dropTable('chat_ticket_redemptions')
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side sessions (SESSION_DRIVER=database): logging out deletes the
 * row, so a copied session cookie stops working, unlike an encrypted cookie
 */
export default class extends BaseSchema {
  protected tableName = 'sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id').primary()
      table.text('data').notNullable()
      table.string('user_id').nullable().index()
      table.timestamp('expires_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}

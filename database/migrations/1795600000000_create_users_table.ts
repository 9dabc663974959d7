import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'users'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.string('username', 32).notNullable()
      table.string('password').notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.raw('CREATE UNIQUE INDEX users_username_lower_unique ON users (lower(username))')
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  protected tableName = 'rooms'

  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id').notNullable()
      table.string('name', 64).notNullable()
      table.string('description', 500).nullable()
      table.integer('owner_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      // Head of the room's sequence log: the seq of its newest message
      table.bigInteger('last_seq').notNullable().defaultTo(0)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).nullable()
    })
    this.schema.raw('CREATE UNIQUE INDEX rooms_name_lower_unique ON rooms (lower(name))')
    this.schema.raw(
      `CREATE INDEX rooms_search_trgm ON rooms USING gin ((name || ' ' || coalesce(description, '')) gin_trgm_ops)`
    )
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}

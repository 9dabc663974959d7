import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Reactions: who reacted to which message with which emoji (the current
 * state), and `react` / `unreact` entries of the room's sequence log (the
 * emoji as their body), which point at the message like edits do
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('message_reactions', (table) => {
      table
        .bigInteger('message_id')
        .unsigned()
        .notNullable()
        .references('messages.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('emoji', 32).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable().defaultTo(this.now())
      table.primary(['message_id', 'user_id', 'emoji'])
    })
    this.schema.raw('ALTER TABLE messages DROP CONSTRAINT messages_kind_check')
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (
        (kind = 'message' AND target_seq IS NULL)
        OR (kind IN ('edit', 'delete', 'pin', 'unpin', 'react', 'unreact') AND target_seq IS NOT NULL)
      )`
    )
  }

  async down() {
    this.schema.raw(`DELETE FROM messages WHERE kind IN ('react', 'unreact')`)
    this.schema.raw('ALTER TABLE messages DROP CONSTRAINT messages_kind_check')
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (
        (kind = 'message' AND target_seq IS NULL)
        OR (kind IN ('edit', 'delete', 'pin', 'unpin') AND target_seq IS NOT NULL)
      )`
    )
    this.schema.dropTable('message_reactions')
  }
}

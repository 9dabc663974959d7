import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Edits and deletions are entries of the room's sequence log too, so a client
 * that was offline replays them: `kind` is `message`, `edit` (body = new text)
 * or `delete`, and `target_seq` names the message they change. The message row
 * itself carries its current state (`body`, `body_html`, `edited_at`,
 * `deleted_at`) for history pages. Mentions are resolved when a message is
 * stored or edited.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('messages', (table) => {
      table.string('kind', 8).notNullable().defaultTo('message')
      table.bigInteger('target_seq').nullable()
      // Sanitized HTML of the markdown body, rendered once when written
      table.text('body_html').notNullable().defaultTo('')
      table.timestamp('edited_at', { useTz: true }).nullable()
      table.timestamp('deleted_at', { useTz: true }).nullable()
    })
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (
        (kind = 'message' AND target_seq IS NULL) OR (kind IN ('edit', 'delete') AND target_seq IS NOT NULL)
      )`
    )
    this.schema.raw(
      'CREATE INDEX messages_room_target_seq ON messages (room_id, target_seq) WHERE target_seq IS NOT NULL'
    )
    this.schema.createTable('message_mentions', (table) => {
      table
        .bigInteger('message_id')
        .notNullable()
        .references('id')
        .inTable('messages')
        .onDelete('CASCADE')
      table.integer('user_id').notNullable().references('id').inTable('users').onDelete('CASCADE')
      table.integer('room_id').notNullable()
      table.bigInteger('seq').notNullable()
      table.primary(['message_id', 'user_id'])
      table.index(['user_id', 'room_id', 'seq'])
    })
  }

  async down() {
    this.schema.dropTable('message_mentions')
    this.schema.raw('DROP INDEX IF EXISTS messages_room_target_seq')
    this.schema.raw('ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_kind_check')
    this.schema.alterTable('messages', (table) => {
      table.dropColumns('kind', 'target_seq', 'body_html', 'edited_at', 'deleted_at')
    })
  }
}

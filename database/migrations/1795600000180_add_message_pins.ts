import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Pins: a message's current pin (when and by whom) and `pin` / `unpin`
 * entries of the room's sequence log, which point at the message like edits
 * and deletions do
 */
export default class extends BaseSchema {
  protected tableName = 'messages'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.timestamp('pinned_at', { useTz: true }).nullable()
      table.integer('pinned_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
    })
    this.schema.raw('ALTER TABLE messages DROP CONSTRAINT messages_kind_check')
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (
        (kind = 'message' AND target_seq IS NULL)
        OR (kind IN ('edit', 'delete', 'pin', 'unpin') AND target_seq IS NOT NULL)
      )`
    )
    this.schema.raw(
      `CREATE INDEX messages_pinned ON messages (room_id, pinned_at DESC) WHERE pinned_at IS NOT NULL`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX messages_pinned')
    this.schema.raw(`DELETE FROM messages WHERE kind IN ('pin', 'unpin')`)
    this.schema.raw('ALTER TABLE messages DROP CONSTRAINT messages_kind_check')
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (
        (kind = 'message' AND target_seq IS NULL) OR (kind IN ('edit', 'delete') AND target_seq IS NOT NULL)
      )`
    )
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('pinned_by')
      table.dropColumn('pinned_at')
    })
  }
}

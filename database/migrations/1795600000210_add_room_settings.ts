import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Room settings as entries of the room's sequence log: `rename` (body: the
 * new name), `topic` (the new description), `visibility` (`public` or
 * `private`), `owner` (the new owner's username), `archive` and `unarchive`
 * (empty body). They are about the room, not a message: no target. An
 * archived room (`archived_at`) is read-only.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('rooms', (table) => {
      table.timestamp('archived_at', { useTz: true }).nullable()
    })
    this.schema.raw('ALTER TABLE messages ALTER COLUMN kind TYPE varchar(16)')
    this.schema.raw('ALTER TABLE messages DROP CONSTRAINT messages_kind_check')
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (
        (kind = 'message' AND target_seq IS NULL)
        OR (kind IN ('edit', 'delete', 'pin', 'unpin', 'react', 'unreact') AND target_seq IS NOT NULL)
        OR (kind IN ('rename', 'topic', 'visibility', 'owner', 'archive', 'unarchive')
          AND target_seq IS NULL)
      )`
    )
  }

  async down() {
    this.schema.raw(
      `DELETE FROM messages WHERE kind IN ('rename', 'topic', 'visibility', 'owner', 'archive', 'unarchive')`
    )
    this.schema.raw('ALTER TABLE messages DROP CONSTRAINT messages_kind_check')
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_kind_check CHECK (
        (kind = 'message' AND target_seq IS NULL)
        OR (kind IN ('edit', 'delete', 'pin', 'unpin', 'react', 'unreact') AND target_seq IS NOT NULL)
      )`
    )
    this.schema.raw('ALTER TABLE messages ALTER COLUMN kind TYPE varchar(8)')
    this.schema.alterTable('rooms', (table) => {
      table.dropColumn('archived_at')
    })
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Replies: a message may answer an earlier message of its room, the root of
 * its thread (`reply_to`, that message's seq). A thread is one level deep: a
 * reply to a reply is stored as a reply to its root.
 */
export default class extends BaseSchema {
  protected tableName = 'messages'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.bigInteger('reply_to').nullable()
      table
        .foreign(['room_id', 'reply_to'], 'messages_reply_to_foreign')
        .references(['room_id', 'seq'])
        .inTable('messages')
        .onDelete('CASCADE')
    })
    this.schema.raw(
      `ALTER TABLE messages ADD CONSTRAINT messages_reply_to_check
        CHECK (reply_to IS NULL OR (kind = 'message' AND reply_to < seq))`
    )
    this.schema.raw(
      `CREATE INDEX messages_replies ON messages (room_id, reply_to, seq) WHERE reply_to IS NOT NULL`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX messages_replies')
    this.schema.alterTable(this.tableName, (table) => {
      table.dropForeign(['room_id', 'reply_to'], 'messages_reply_to_foreign')
      table.dropChecks(['messages_reply_to_check'])
      table.dropColumn('reply_to')
    })
  }
}

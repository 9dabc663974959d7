import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Search in one room walks that room's searchable messages newest first
 * with their folded text in the index itself (`INCLUDE (search_text)`), so
 * the walk reads index pages only: a room's rows are interleaved with the
 * other rooms' in the table, and walking them through the heap read one
 * page per row (bench/README.md, "Search on 1 million messages", round 4).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE INDEX messages_room_search ON messages (room_id, id) INCLUDE (search_text)
      WHERE kind = 'message' AND deleted_at IS NULL
    `)
  }

  async down() {
    this.schema.raw('DROP INDEX messages_room_search')
  }
}

import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Message search reads the folded body (`immutable_unaccent(lower(body))`)
 * from a stored column instead of computing it per row: a search rechecks
 * candidate rows with a plain LIKE on it rather than unaccenting each body
 * again (most of a search's time on a million messages; bench/README.md).
 * The trigram index moves onto the column and leads with `room_id`
 * (btree_gin, a trusted extension), so a search in one room reads only that
 * room's candidates.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS btree_gin')
    this.schema.raw(`
      ALTER TABLE messages ADD COLUMN search_text text
      GENERATED ALWAYS AS (immutable_unaccent(lower(body))) STORED
    `)
    this.schema.raw(`
      CREATE INDEX messages_search_text_trgm ON messages
      USING gin (room_id, search_text gin_trgm_ops)
      WHERE kind = 'message' AND deleted_at IS NULL
    `)
    this.schema.raw('DROP INDEX IF EXISTS messages_body_unaccent_trgm')
  }

  async down() {
    this.schema.raw(`
      CREATE INDEX messages_body_unaccent_trgm ON messages
      USING gin (immutable_unaccent(lower(body)) gin_trgm_ops)
      WHERE kind = 'message' AND deleted_at IS NULL
    `)
    this.schema.raw('DROP INDEX IF EXISTS messages_search_text_trgm')
    this.schema.raw('ALTER TABLE messages DROP COLUMN IF EXISTS search_text')
  }
}

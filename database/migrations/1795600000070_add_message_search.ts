import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Message search. `search_vector` holds the whole words of the unaccented,
 * lower-cased body ('simple' config: no stemming, no stop words, so any
 * language works and "phong" finds "phòng"); a trigram index on the same
 * folded text finds parts of words ("deploy" in "redeployment"). Both indexes
 * cover only what search can return: live messages, not edit/delete entries
 * nor deleted messages.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE messages ADD COLUMN search_vector tsvector
      GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, immutable_unaccent(lower(body)))) STORED
    `)
    this.schema.raw(`
      CREATE INDEX messages_search_vector ON messages USING gin (search_vector)
      WHERE kind = 'message' AND deleted_at IS NULL
    `)
    this.schema.raw(`
      CREATE INDEX messages_body_unaccent_trgm ON messages
      USING gin (immutable_unaccent(lower(body)) gin_trgm_ops)
      WHERE kind = 'message' AND deleted_at IS NULL
    `)
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS messages_body_unaccent_trgm')
    this.schema.raw('DROP INDEX IF EXISTS messages_search_vector')
    this.schema.raw('ALTER TABLE messages DROP COLUMN IF EXISTS search_vector')
  }
}

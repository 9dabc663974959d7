import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Accent-insensitive search: "phong viet" finds "Phòng Việt Nam". unaccent()
 * is only STABLE, so an IMMUTABLE wrapper with a fixed dictionary lets
 * expression indexes use it; the rooms trigram index now covers the
 * unaccented text.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('CREATE EXTENSION IF NOT EXISTS unaccent')
    this.schema.raw(`
      CREATE OR REPLACE FUNCTION immutable_unaccent(value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      RETURN public.unaccent('public.unaccent'::regdictionary, value)
    `)
    this.schema.raw('DROP INDEX IF EXISTS rooms_search_trgm')
    this.schema.raw(
      `CREATE INDEX rooms_search_unaccent_trgm ON rooms USING gin (immutable_unaccent(name || ' ' || coalesce(description, '')) gin_trgm_ops)`
    )
  }

  async down() {
    this.schema.raw('DROP INDEX IF EXISTS rooms_search_unaccent_trgm')
    this.schema.raw(
      `CREATE INDEX rooms_search_trgm ON rooms USING gin ((name || ' ' || coalesce(description, '')) gin_trgm_ops)`
    )
    this.schema.raw('DROP FUNCTION IF EXISTS immutable_unaccent(text)')
  }
}

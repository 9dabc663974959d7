import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Rendered the bodies of messages written before markdown. A migration must
 * not depend on the chat's renderer, which keeps changing, so that backfill is
 * the `messages:render` command now (pages show an unrendered message as plain
 * text meanwhile). The file stays so databases that ran it keep their history.
 */
export default class extends BaseSchema {
  async up() {
    // Nothing: see `node ace messages:render`
  }
}

import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { inject } from '@adonisjs/core'
import DemoOwnerService from '#services/rooms/demo_owner_service'

/**
 * Rows written per INSERT statement (one progress step)
 */
const BATCH = 50_000

/**
 * Most messages one run writes
 */
const MAX_COUNT = 10_000_000

/**
 * Fills rooms "Bench room 1" … "Bench room N" with generated messages, fast:
 * one INSERT … SELECT generate_series per batch, bodies of 3–15 words drawn
 * from CHAT_WORDS (70 % English, 30 % Vietnamese, frequent words far more
 * often), authors among the first 50 users, a message every 15 s up to now.
 * For search and history benchmarks; never run it on a production database.
 */
export default class BenchMessages extends BaseCommand {
  static commandName = 'bench:messages'
  static description = 'Generate N messages fast (INSERT … SELECT generate_series) for benchmarks'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: 'How many messages to add', default: 100_000 })
  declare count: number

  @flags.number({ description: 'How many bench rooms to spread them over', default: 20 })
  declare rooms: number

  @inject()
  async run(owners: DemoOwnerService) {
    if (!Number.isInteger(this.count) || this.count < 1 || this.count > MAX_COUNT) {
      this.logger.error(`--count must be a whole number between 1 and ${MAX_COUNT}`)
      this.exitCode = 1
      return
    }
    if (!Number.isInteger(this.rooms) || this.rooms < 1 || this.rooms > 1000) {
      this.logger.error('--rooms must be a whole number between 1 and 1000')
      this.exitCode = 1
      return
    }
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { CHAT_WORDS } = await import('#database/factories/chat_words')
    const roomIds = await this.#benchRooms(owners)
    const authors = await db.from('users').orderBy('id').limit(50).select('id')
    const authorIds = authors.map((author) => author.id as number)
    const started = Date.now()

    const tasks = this.ui.tasks({ verbose: !process.stdout.isTTY })
    tasks.add(`Generating ${this.count} messages in ${roomIds.length} rooms`, async (task) => {
      const heads = await db.from('rooms').whereIn('id', roomIds).select('id', 'last_seq')
      const headOf = new Map(heads.map((room) => [room.id as number, Number(room.last_seq)]))
      const bases = roomIds.map((id) => headOf.get(id) ?? 0)
      for (let from = 0; from < this.count; from += BATCH) {
        const to = Math.min(from + BATCH, this.count) - 1
        await db.rawQuery(GENERATE_SQL, {
          from,
          to,
          total: this.count,
          rooms: roomIds,
          bases,
          authors: authorIds,
          en: CHAT_WORDS.en,
          vi: CHAT_WORDS.vi,
        })
        task.update(`${to + 1}/${this.count} messages`)
      }
      await db.rawQuery(
        `UPDATE rooms SET last_seq = (SELECT max(seq) FROM messages WHERE room_id = rooms.id)
          WHERE id = ANY(:rooms)`,
        { rooms: roomIds }
      )
      await db.rawQuery('ANALYZE messages')
      return `${this.count} messages`
    })
    await tasks.run()
    if (tasks.getState() === 'failed') {
      this.exitCode = 1
      return
    }
    const seconds = (Date.now() - started) / 1000
    this.logger.success(
      `Added ${this.count} messages in ${seconds.toFixed(1)} s (${Math.round(this.count / seconds)}/s)`
    )
  }

  /**
   * Ids of rooms "Bench room 1" … "Bench room N", created when missing (owned by the demo user)
   */
  async #benchRooms(owners: DemoOwnerService) {
    const { default: Room } = await import('#models/room')
    const owner = (await owners.findOrCreate())!
    const names = Array.from({ length: this.rooms }, (_, index) => `Bench room ${index + 1}`)
    const existing = await Room.query().whereIn('name', names)
    const taken = new Set(existing.map((room) => room.name))
    const created = await Room.createMany(
      names
        .filter((name) => !taken.has(name))
        .map((name) => ({ name, description: 'Generated messages', ownerId: owner.id, lastSeq: 0 }))
    )
    return [...existing, ...created].map((room) => room.id)
  }
}

/**
 * Messages `from`…`to` of `total`: message g goes to room g mod R (seq after
 * that room's base), is written by an author picked from g, and carries
 * 3 + g mod 13 words, in Vietnamese for 3 runs of 7 messages in 10 (not
 * tied to the room); random()^2.5 favours the first (most frequent) words
 * (`w > 0` ties the aggregate to the word list, not to the outer query)
 */
const GENERATE_SQL = `
  WITH params AS (
    SELECT :rooms::int[] AS rooms, :bases::bigint[] AS bases, :authors::int[] AS authors,
      :en::text[] AS en, :vi::text[] AS vi
  )
  INSERT INTO messages (room_id, user_id, seq, kind, body, body_html, created_at)
  SELECT
    p.rooms[1 + g % cardinality(p.rooms)],
    p.authors[1 + (g * 7919) % cardinality(p.authors)],
    p.bases[1 + g % cardinality(p.rooms)] + g / cardinality(p.rooms) + 1,
    'message',
    b.body,
    '<p>' || b.body || '</p>',
    now() - (:total::bigint - g) * interval '15 seconds'
  FROM params p, generate_series(:from::bigint, :to::bigint) AS g,
  LATERAL (
    SELECT string_agg(
      CASE WHEN (g / 7) % 10 < 3 AND w > 0
        THEN p.vi[1 + floor(cardinality(p.vi) * random() ^ 2.5)::int]
        ELSE p.en[1 + floor(cardinality(p.en) * random() ^ 2.5)::int]
      END, ' ') AS body
    FROM generate_series(1, 3 + (g % 13)::int) AS w
  ) AS b
`

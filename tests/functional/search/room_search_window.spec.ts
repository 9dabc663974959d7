import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { NEWEST_WINDOW } from '#services/search/newest_matches'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { apiSearch } from '#tests/helpers/search_fixtures'

/** Entries of the room: its newest NEWEST_WINDOW are searched first, the rest after */
const COUNT = NEWEST_WINDOW + 1000

test.group('Search in a room longer than the window', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('finds matches on both sides of the room window, newest first', async ({
    assert,
    client,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const other = await RoomFactory.merge({ ownerId: owner.id }).create()
    // Every 100th entry says "go to haystack"; one needle in the older
    // entries, one in the window; the rest hold "go" and "to" inside words
    // only; the other room's entries interleave
    await db.rawQuery(
      `INSERT INTO messages (room_id, user_id, seq, kind, body, body_html, created_at)
        SELECT CASE WHEN g % 2 = 0 THEN :room::int ELSE :other::int END, :user, g / 2 + 1,
          'message', CASE
            WHEN g % 2 = 1 THEN 'go to haystack elsewhere'
            WHEN g / 2 + 1 IN (5, :late) THEN 'needle ' || (g / 2 + 1)
            WHEN (g / 2 + 1) % 100 = 0 THEN 'go to haystack ' || (g / 2 + 1)
            ELSE 'going tomorrow ' || (g / 2 + 1) END,
          '', now() - (:entries - g) * interval '1 second'
        FROM generate_series(0, :entries - 1) g`,
      { room: room.id, other: other.id, user: owner.id, late: COUNT - 5, entries: 2 * COUNT }
    )
    await db.from('rooms').whereIn('id', [room.id, other.id]).update({ last_seq: COUNT })

    const needles = await apiSearch(client, owner, { q: 'needle', room: room.id })
    assert.deepEqual(
      needles.body().data.map((hit: { seq: number }) => hit.seq),
      [COUNT - 5, 5]
    )

    const haystacks = COUNT / 100
    for (const q of ['to haystack', 'go to']) {
      const first = await apiSearch(client, owner, { q, room: room.id, perPage: 3 })
      assert.deepEqual(first.body().meta.total, haystacks)
      assert.deepEqual(
        first.body().data.map((hit: { seq: number }) => hit.seq),
        [COUNT, COUNT - 100, COUNT - 200]
      )
      const last = await apiSearch(client, owner, { q, room: room.id, perPage: 50, page: 11 })
      assert.equal(last.body().data.at(-1).seq, 100)
    }
  }).timeout(60_000)
})

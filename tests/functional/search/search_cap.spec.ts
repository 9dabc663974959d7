import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { MAX_SEARCH_CANDIDATES } from '#services/search/newest_matches'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

test.group('Search candidate cap', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('only the newest matches are ranked and counted, and the page says so', async ({
    assert,
    client,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const count = MAX_SEARCH_CANDIDATES + 5
    await db.rawQuery(
      `INSERT INTO messages (room_id, user_id, seq, kind, body, body_html, created_at)
        SELECT ?, ?, g, 'message', 'needle number ' || g, '', now() - (? - g) * interval '1 minute'
        FROM generate_series(1, ?) g`,
      [room.id, owner.id, count, count]
    )
    await db.from('rooms').where('id', room.id).update({ last_seq: count })

    const api = await client
      .get('/api/v1/search')
      .qs({ q: 'needle', perPage: 3 })
      .withGuard('api')
      .loginAs(owner)
    api.assertStatus(200)
    assert.deepEqual(api.body().meta, {
      total: MAX_SEARCH_CANDIDATES,
      perPage: 3,
      page: 1,
      lastPage: Math.ceil(MAX_SEARCH_CANDIDATES / 3),
    })
    assert.deepEqual(
      api.body().data.map((hit: { seq: number }) => hit.seq),
      [count, count - 1, count - 2]
    )

    const last = await client
      .get('/api/v1/search')
      .qs({ q: 'needle', perPage: 50, page: 20 })
      .withGuard('api')
      .loginAs(owner)
    assert.equal(last.body().data.at(-1).seq, count - MAX_SEARCH_CANDIDATES + 1)

    const page = await client.get('/search').qs({ q: 'needle' }).loginAs(owner)
    page.assertStatus(200)
    assert.include(
      page.text(),
      'More than 1000 messages match “needle”: the newest 1000 are ranked.'
    )
  })
})

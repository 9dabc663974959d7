import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

const searches = [
  { q: 'phong viet', found: ['Phòng Việt Nam'] },
  { q: 'PHÒNG Việt', found: ['Phòng Việt Nam'] },
  { q: 'viet', found: ['Phòng Việt Nam', 'Viet Kitchen'] },
  { q: 'Việt', found: ['Phòng Việt Nam', 'Viet Kitchen'] },
  { q: 'da lat', found: ['Đà Lạt mộng mơ'] },
  { q: 'đà lạt', found: ['Đà Lạt mộng mơ'] },
  { q: 'ha noi', found: ['Hà Nội phố'] },
  { q: 'pho', found: ['Hà Nội phố', 'Phòng Việt Nam', 'Đà Lạt mộng mơ'] },
  { q: 'mong mo', found: ['Đà Lạt mộng mơ'] },
  { q: 'nguoi ban', found: ['Hà Nội phố'] },
  { q: 'sai gon', found: [] },
]

test.group('Room search ignores diacritics', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    const owner = await UserFactory.create()
    for (const [name, description] of [
      ['Phòng Việt Nam', 'Nói chuyện về quê hương'],
      ['Đà Lạt mộng mơ', 'Thành phố ngàn hoa'],
      ['Hà Nội phố', 'Gặp gỡ người bạn cũ'],
      ['Viet Kitchen', 'Recipes'],
    ]) {
      await RoomFactory.merge({ name, description, ownerId: owner.id }).create()
    }
  })

  test('/rooms?q={q}')
    .with(searches)
    .run(async ({ client, assert }, { q, found }) => {
      const user = await UserFactory.create()
      const response = await client.get('/rooms').qs({ q }).loginAs(user)
      response.assertStatus(200)
      const names = [...response.text().matchAll(/<a href="\/rooms\/\d+">(.*?)<\/a>/g)].map(
        (match) => match[1]
      )
      assert.sameMembers(names, found)
    })

  test('/api/v1/rooms?q={q}')
    .with(searches)
    .run(async ({ client, assert }, { q, found }) => {
      const user = await UserFactory.create()
      const response = await client.get('/api/v1/rooms').qs({ q }).withGuard('api').loginAs(user)
      response.assertStatus(200)
      const names = response.body().data.map((room: { name: string }) => room.name)
      assert.sameMembers(names, found)
      assert.equal(response.body().meta.total, found.length)
    })
})

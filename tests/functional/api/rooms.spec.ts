import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

test.group('API rooms', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('creates a room and returns it', async ({ client, assert }) => {
    const user = await UserFactory.merge({ username: 'maker' }).create()
    const response = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(user)
      .json({ name: 'Robotics', description: 'Arduino and friends' })
    response.assertStatus(201)
    const { data } = response.body()
    assert.equal(data.name, 'Robotics')
    assert.equal(data.description, 'Arduino and friends')
    assert.deepEqual(data.owner, { id: user.id, username: 'maker' })
    assert.equal(data.lastSeq, 0)
    assert.equal(data.kind, 'room')
    assert.isFalse(data.archived)
    assert.isNotNull(await Room.find(data.id))
  })

  test('validates every field with 422 and codes', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await RoomFactory.merge({ name: 'Taken', ownerId: user.id }).create()
    const cases = [
      { body: {}, field: 'name', rule: 'required' },
      { body: { name: 'x'.repeat(65) }, field: 'name', rule: 'maxLength' },
      { body: { name: 'taken' }, field: 'name', rule: 'database.unique' },
      { body: { name: 42 }, field: 'name', rule: 'string' },
      {
        body: { name: 'Fine', description: 'd'.repeat(501) },
        field: 'description',
        rule: 'maxLength',
      },
    ]
    for (const { body, field, rule } of cases) {
      const response = await client.post('/api/v1/rooms').withGuard('api').loginAs(user).json(body)
      response.assertStatus(422)
      assert.deepInclude(response.body().errors[0], { code: 'E_VALIDATION_ERROR', field, rule })
    }
  })

  test('lists and searches rooms with pagination meta', async ({ client, assert }) => {
    const user = await UserFactory.create()
    await RoomFactory.merge({ name: 'Jazz lovers', ownerId: user.id }).create()
    await RoomFactory.merge({
      name: 'Rock fans',
      description: 'also some jazz',
      ownerId: user.id,
    }).create()
    await RoomFactory.merge({ name: 'Hiking', description: 'mountains', ownerId: user.id }).create()

    const all = await client.get('/api/v1/rooms').withGuard('api').loginAs(user)
    assert.equal(all.body().meta.total, 3)

    const jazz = await client.get('/api/v1/rooms').qs({ q: 'JAZ' }).withGuard('api').loginAs(user)
    assert.sameMembers(
      jazz.body().data.map((room: { name: string }) => room.name),
      ['Jazz lovers', 'Rock fans']
    )
    assert.deepEqual(jazz.body().meta, { total: 2, perPage: 20, page: 1, lastPage: 1 })

    const badPage = await client
      .get('/api/v1/rooms')
      .qs({ page: 'abc' })
      .withGuard('api')
      .loginAs(user)
    badPage.assertStatus(422)
  })

  test('shows one room and 404s a missing one', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ name: 'Chemistry', ownerId: user.id }).create()
    const shown = await client.get(`/api/v1/rooms/${room.id}`).withGuard('api').loginAs(user)
    shown.assertStatus(200)
    assert.equal(shown.body().data.name, 'Chemistry')

    const missing = await client.get('/api/v1/rooms/424242').withGuard('api').loginAs(user)
    missing.assertStatus(404)
    assert.equal(missing.body().errors[0].code, 'E_ROW_NOT_FOUND')
  })

  test('only the owner deletes: others get 403', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const other = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()

    const forbidden = await client
      .delete(`/api/v1/rooms/${room.id}`)
      .withGuard('api')
      .loginAs(other)
    forbidden.assertStatus(403)
    assert.equal(forbidden.body().errors[0].code, 'E_AUTHORIZATION_FAILURE')
    assert.isNotNull(await Room.find(room.id))

    const deleted = await client.delete(`/api/v1/rooms/${room.id}`).withGuard('api').loginAs(owner)
    deleted.assertStatus(204)
    assert.isNull(await Room.find(room.id))
  })

  test('answers unknown API routes with a JSON 404', async ({ client, assert }) => {
    const response = await client.get('/api/v1/nothing-here')
    response.assertStatus(404)
    assert.isArray(response.body().errors)
  })
})

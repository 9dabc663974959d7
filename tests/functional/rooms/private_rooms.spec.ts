import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import Room from '#models/room'
import Message from '#models/message'
import RoomCreate from '#commands/room_create'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom, memberIdsOf } from '#tests/helpers/private_rooms'

test.group('Private rooms: creating', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the form creates a private room with its owner as the only member', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const response = await client
      .post('/rooms')
      .withCsrfToken()
      .loginAs(owner)
      .form({ name: 'Secret garden', visibility: 'private' })
      .redirects(0)
    const room = await Room.findByOrFail('name', 'Secret garden')
    response.assertHeader('location', `/rooms/${room.id}`)
    assert.equal(room.visibility, 'private')
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])

    const page = await client.get(`/rooms/${room.id}`).loginAs(owner)
    page.assertStatus(200)
    assert.match(page.text(), /<span class="badge private-badge">.*Private<\/span>/)
    page.assertTextIncludes(`href="/rooms/${room.id}/members"`)
  })

  test('rooms are public by default, joined by their owner, with no member list page', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    await client.post('/rooms').withCsrfToken().loginAs(owner).form({ name: 'Town square' })
    const room = await Room.findByOrFail('name', 'Town square')
    assert.equal(room.visibility, 'public')
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])

    const page = await client.get(`/rooms/${room.id}`).loginAs(owner)
    assert.notInclude(page.text(), `href="/rooms/${room.id}/members"`)
    assert.notInclude(page.text(), 'private-badge')
    const members = await client.get(`/rooms/${room.id}/members`).loginAs(owner)
    members.assertStatus(404)
  })

  test('the API creates private rooms and refuses an unknown visibility', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const created = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(owner)
      .json({ name: 'Board', visibility: 'private' })
    created.assertStatus(201)
    assert.equal(created.body().data.visibility, 'private')
    assert.deepEqual(await memberIdsOf(created.body().data.id), [owner.id])

    const refused = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(owner)
      .json({ name: 'Other', visibility: 'secret' })
    refused.assertStatus(422)
    assert.deepInclude(refused.body().errors[0], {
      code: 'E_VALIDATION_ERROR',
      field: 'visibility',
      rule: 'enum',
    })
    assert.isNull(await Room.findBy('name', 'Other'))
  })

  test('room:create --private creates a private room', async ({ assert }) => {
    const owner = await UserFactory.merge({ username: 'quiet_owner' }).create()
    const command = await ace.create(RoomCreate, ['Hideout', '--owner=quiet_owner', '--private'])
    await command.exec()
    command.assertSucceeded()
    const room = await Room.findByOrFail('name', 'Hideout')
    assert.equal(room.visibility, 'private')
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
  })
})

test.group('Private rooms: who sees them', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('lists and search show a private room to its members only, marked private', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const outsider = await UserFactory.create()
    await createPrivateRoom(owner, [member])
    await RoomFactory.merge({ name: 'Open hall Zebra', ownerId: owner.id }).create()
    await Room.query().where('visibility', 'private').update({ name: 'Hidden den Zebra' })

    for (const user of [owner, member]) {
      const list = await client.get('/rooms').loginAs(user)
      assert.include(list.text(), 'Hidden den Zebra')
      assert.match(list.text(), /Hidden den Zebra<\/a>\s*<span class="badge private-badge">/)
      const search = await client.get('/rooms').qs({ q: 'zebra' }).loginAs(user)
      assert.include(search.text(), 'Hidden den Zebra')
      const api = await client
        .get('/api/v1/rooms')
        .qs({ q: 'zebra' })
        .withGuard('api')
        .loginAs(user)
      assert.sameMembers(
        api.body().data.map((room: { name: string }) => room.name),
        ['Hidden den Zebra', 'Open hall Zebra']
      )
    }

    const list = await client.get('/rooms').loginAs(outsider)
    assert.notInclude(list.text(), 'Hidden den')
    assert.include(list.text(), 'Open hall Zebra')
    const search = await client.get('/rooms').qs({ q: 'hidden' }).loginAs(outsider)
    search.assertTextIncludes('No room matches')
    const api = await client
      .get('/api/v1/rooms')
      .qs({ q: 'zebra' })
      .withGuard('api')
      .loginAs(outsider)
    assert.deepEqual(
      api.body().data.map((room: { name: string }) => room.name),
      ['Open hall Zebra']
    )
    assert.equal(api.body().meta.total, 1)
  })

  test('a non-member gets the same 404 as for a missing room, everywhere', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const outsider = await UserFactory.create()
    const room = await createPrivateRoom(owner)
    const missing = room.id + 1000

    for (const id of [room.id, missing]) {
      const page = await client.get(`/rooms/${id}`).loginAs(outsider)
      page.assertStatus(404)
      page.assertTextIncludes('Page not found')
      const members = await client.get(`/rooms/${id}/members`).loginAs(outsider)
      members.assertStatus(404)
      const post = await client
        .post(`/rooms/${id}/messages`)
        .withCsrfToken()
        .loginAs(outsider)
        .form({ text: 'let me in' })
        .redirects(0)
      post.assertStatus(404)
      const remove = await client
        .delete(`/rooms/${id}`)
        .withCsrfToken()
        .loginAs(outsider)
        .redirects(0)
      remove.assertStatus(404)
    }

    const api = async (id: number) => {
      const responses = [
        await client.get(`/api/v1/rooms/${id}`).withGuard('api').loginAs(outsider),
        await client.delete(`/api/v1/rooms/${id}`).withGuard('api').loginAs(outsider),
        await client.get(`/api/v1/rooms/${id}/members`).withGuard('api').loginAs(outsider),
        await client
          .post(`/api/v1/rooms/${id}/members`)
          .withGuard('api')
          .loginAs(outsider)
          .json({ username: outsider.username }),
        await client
          .delete(`/api/v1/rooms/${id}/members/${outsider.id}`)
          .withGuard('api')
          .loginAs(outsider),
      ]
      return responses.map((response) => [response.status(), response.body()])
    }
    const forPrivate = await api(room.id)
    assert.deepEqual(forPrivate, await api(missing))
    assert.deepEqual(forPrivate[0], [
      404,
      { errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Room not found' }] },
    ])

    assert.lengthOf(await Message.query().where('room_id', room.id), 0)
    assert.isNotNull(await Room.find(room.id))
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
  })

  test('members read the room, post without JavaScript and see it through the API', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member])

    const page = await client.get(`/rooms/${room.id}`).loginAs(member)
    page.assertStatus(200)
    const post = await client
      .post(`/rooms/${room.id}/messages`)
      .withCsrfToken()
      .loginAs(member)
      .form({ text: 'inside' })
      .redirects(0)
    post.assertHeader('location', `/rooms/${room.id}#message-1`)
    const show = await client.get(`/api/v1/rooms/${room.id}`).withGuard('api').loginAs(member)
    assert.equal(show.body().data.visibility, 'private')

    const messages = await Message.query().where('room_id', room.id)
    assert.deepEqual(
      messages.map((message) => [message.userId, message.body]),
      [[member.id, 'inside']]
    )
  })
})

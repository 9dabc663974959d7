import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Room from '#models/room'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

test.group('Rooms pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('asks anonymous visitors to log in', async ({ client }) => {
    const response = await client.get('/rooms').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('lists rooms with their owner', async ({ client }) => {
    const owner = await UserFactory.merge({ username: 'owner_one' }).create()
    await RoomFactory.merge({ name: 'Book club', ownerId: owner.id }).create()
    const response = await client.get('/rooms').loginAs(owner)
    response.assertStatus(200)
    response.assertTextIncludes('Book club')
    response.assertTextIncludes('by owner_one')
  })

  test('searches name and description, any case, partial words, every word', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    await RoomFactory.merge({
      name: 'Chess Club',
      description: 'Weekly games',
      ownerId: owner.id,
    }).create()
    await RoomFactory.merge({
      name: 'Garden',
      description: 'Vegetables and chess talk',
      ownerId: owner.id,
    }).create()
    await RoomFactory.merge({ name: 'Cooking', description: 'Recipes', ownerId: owner.id }).create()

    const partial = await client.get('/rooms').qs({ q: 'CHES' }).loginAs(owner)
    assert.include(partial.text(), 'Chess Club')
    assert.include(partial.text(), 'Garden')
    assert.notInclude(partial.text(), 'Cooking')

    const twoWords = await client.get('/rooms').qs({ q: 'chess week' }).loginAs(owner)
    assert.include(twoWords.text(), 'Chess Club')
    assert.notInclude(twoWords.text(), 'Garden')

    const none = await client.get('/rooms').qs({ q: '100%_' }).loginAs(owner)
    none.assertTextIncludes('No room matches')
  })

  test('paginates 20 rooms per page', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    await RoomFactory.merge({ ownerId: owner.id }).createMany(25)
    const first = await client.get('/rooms').loginAs(owner)
    first.assertTextIncludes('Page 1 of 2')
    const second = await client.get('/rooms').qs({ page: 2 }).loginAs(owner)
    second.assertTextIncludes('Page 2 of 2')
    assert.equal((second.text().match(/<li data-room-id=/g) ?? []).length, 5)
  })

  test('creates a room and opens it', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const response = await client
      .post('/rooms')
      .withCsrfToken()
      .loginAs(owner)
      .form({ name: 'Photography', description: 'Share your shots' })
      .redirects(0)
    const room = await Room.findByOrFail('name', 'Photography')
    response.assertHeader('location', `/rooms/${room.id}`)
    assert.equal(room.ownerId, owner.id)
    assert.equal(room.description, 'Share your shots')
    assert.equal(room.lastSeq, 0)
  })

  const invalidRooms = [
    { name: 'a missing name', form: { name: '' }, field: 'name' },
    { name: 'a name over 64 chars', form: { name: 'n'.repeat(65) }, field: 'name' },
    {
      name: 'a description over 500 chars',
      form: { name: 'Ok', description: 'd'.repeat(501) },
      field: 'description',
    },
  ]
  for (const input of invalidRooms) {
    test(`refuses ${input.name}`, async ({ client, assert }) => {
      const owner = await UserFactory.create()
      const response = await client
        .post('/rooms')
        .withCsrfToken()
        .loginAs(owner)
        .header('referer', '/rooms')
        .form(input.form)
        .redirects(0)
      response.assertHeader('location', '/rooms')
      assert.property(response.flashMessage('inputErrorsBag'), input.field)
      assert.lengthOf(await Room.all(), 0)
    })
  }

  test('refuses a name already used in another case', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    await RoomFactory.merge({ name: 'General', ownerId: owner.id }).create()
    const response = await client
      .post('/rooms')
      .withCsrfToken()
      .loginAs(owner)
      .form({ name: 'GENERAL' })
      .redirects(0)
    assert.deepEqual(response.flashMessage('inputErrorsBag'), {
      name: ['The name has already been taken'],
    })
  })

  test('refuses to create a room without a CSRF token', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    await client.post('/rooms').loginAs(owner).form({ name: 'Forged' }).redirects(0)
    assert.isNull(await Room.findBy('name', 'Forged'))
  })

  test('shows a room with its name, description and owner, escaped', async ({ client, assert }) => {
    const owner = await UserFactory.merge({ username: 'host_h' }).create()
    const room = await RoomFactory.merge({
      name: '<script>alert(1)</script>',
      description: '<img src=x onerror=alert(2)>',
      ownerId: owner.id,
    }).create()
    const response = await client.get(`/rooms/${room.id}`).loginAs(owner)
    response.assertStatus(200)
    assert.notInclude(response.text(), '<script>alert(1)</script>')
    assert.notInclude(response.text(), '<img src=x')
    response.assertTextIncludes('&lt;script&gt;alert(1)&lt;/script&gt;')
    response.assertTextIncludes('host_h')
  })

  test('answers 404 for a missing room and for a non-numeric id', async ({ client }) => {
    const user = await UserFactory.create()
    const missing = await client.get('/rooms/999999').loginAs(user)
    missing.assertStatus(404)
    missing.assertTextIncludes('Page not found')
    const word = await client.get('/rooms/abc').loginAs(user)
    word.assertStatus(404)
  })

  test('lets the owner delete a room with its messages', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id, lastSeq: 1 }).create()
    await Message.create({ roomId: room.id, userId: owner.id, seq: 1, body: 'hello' })
    const response = await client
      .delete(`/rooms/${room.id}`)
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    response.assertHeader('location', '/rooms')
    assert.isNull(await Room.find(room.id))
    assert.lengthOf(await Message.query().where('room_id', room.id), 0)
  })

  test('forbids deleting somebody else’s room', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const stranger = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const response = await client
      .delete(`/rooms/${room.id}`)
      .withCsrfToken()
      .loginAs(stranger)
      .redirects(0)
    response.assertStatus(403)
    assert.isNotNull(await Room.find(room.id))
  })

  test('shows the delete button to the owner only', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const stranger = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const asOwner = await client.get(`/rooms/${room.id}`).loginAs(owner)
    const asStranger = await client.get(`/rooms/${room.id}`).loginAs(stranger)
    assert.include(asOwner.text(), 'Delete room')
    assert.notInclude(asStranger.text(), 'Delete room')
  })
})

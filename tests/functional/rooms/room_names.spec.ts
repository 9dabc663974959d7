import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import Room from '#models/room'
import RoomCreate from '#commands/room_create'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import DirectMessageService from '#services/people/direct_message_service'

/**
 * (visibility, owner id) of every room with this name, ignoring case, oldest first
 */
async function roomsNamed(name: string) {
  const rooms = await Room.query().whereRaw('lower(name) = lower(?)', [name]).orderBy('id')
  return rooms.map((room) => [room.visibility, room.ownerId])
}

test.group('Room names: unique per scope, never revealing a private room', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a private room does not block the same name for a public room or for others', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const cleo = await UserFactory.create()
    await RoomFactory.merge({ name: 'Secret garden', ownerId: ana.id, visibility: 'private' })
      .create()
      .then((room) => room.related('members').attach([ana.id]))

    const publicForm = await client
      .post('/rooms')
      .withCsrfToken()
      .loginAs(bob)
      .form({ name: 'secret GARDEN' })
      .redirects(0)
    const privateApi = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(cleo)
      .json({ name: 'Secret garden', visibility: 'private' })

    assert.equal(publicForm.status(), 302)
    assert.match(publicForm.header('location') ?? '', /^\/rooms\/\d+$/)
    assert.equal(privateApi.status(), 201)
    assert.deepEqual(await roomsNamed('Secret garden'), [
      ['private', ana.id],
      ['public', bob.id],
      ['private', cleo.id],
    ])
  })

  test('one owner cannot have two private rooms of the same name (form and API)', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    await createPrivateRoom(ana).then((room) => room.merge({ name: 'Diary' }).save())

    const form = await client
      .post('/rooms')
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', '/rooms')
      .form({ name: 'DIARY', visibility: 'private' })
      .redirects(0)
    const api = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(ana)
      .json({ name: 'diary', visibility: 'private' })

    assert.equal(form.status(), 302)
    assert.deepEqual(form.flashMessages().inputErrorsBag, {
      name: ['The name has already been taken'],
    })
    assert.equal(api.status(), 422)
    assert.deepEqual(api.body().errors, [
      {
        code: 'E_VALIDATION_ERROR',
        field: 'name',
        rule: 'database.unique',
        message: 'The name has already been taken',
      },
    ])
    assert.deepEqual(await roomsNamed('Diary'), [['private', ana.id]])
  })

  test('public names stay unique among public rooms, ignoring case', async ({ client, assert }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    await RoomFactory.merge({ name: 'Lobby', ownerId: ana.id }).create()
    const api = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(bob)
      .json({ name: 'LOBBY' })
    assert.equal(api.status(), 422)
    assert.equal(api.body().errors[0].rule, 'database.unique')
    assert.deepEqual(await roomsNamed('Lobby'), [['public', ana.id]])
  })

  test('a direct conversation’s stored name blocks no private room of its starter', async ({
    client,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    await UserFactory.merge({ username: 'bob' }).create()
    await new DirectMessageService().open(ana, ['bob'])
    const created = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(ana)
      .json({ name: 'ana, bob', visibility: 'private' })
    created.assertStatus(201)
  })

  test('room:create follows the same rule', async ({ assert }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    await createPrivateRoom(ana).then((room) => room.merge({ name: 'Den' }).save())
    ace.ui.switchMode('raw')
    try {
      const created = await ace.create(RoomCreate, ['Den', `--owner=${bob.username}`])
      await created.exec()
      created.assertSucceeded()
      const refused = await ace.create(RoomCreate, ['den', `--owner=${ana.username}`, '--private'])
      await refused.exec()
      refused.assertFailed()
      refused.assertLog('[ red(error) ] name: The name has already been taken', 'stderr')
    } finally {
      ace.ui.switchMode('normal')
    }
    assert.deepEqual(await roomsNamed('Den'), [
      ['private', ana.id],
      ['public', bob.id],
    ])
  })
})

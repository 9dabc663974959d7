import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import testUtils from '@adonisjs/core/services/test_utils'
import RoomsSeed from '#commands/rooms_seed'
import RoomCreate from '#commands/room_create'
import RoomDelete from '#commands/room_delete'
import Room from '#models/room'
import User from '#models/user'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

test.group('Ace room commands', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('rooms:seed creates N demo rooms owned by the demo user, idempotently', async ({
    assert,
  }) => {
    const first = await ace.create(RoomsSeed, ['--count=3'])
    await first.exec()
    first.assertSucceeded()
    const demo = await User.findByOrFail('username', 'demo')
    const rooms = await Room.query().orderBy('name')
    assert.deepEqual(
      rooms.map((room) => [room.name, room.ownerId]),
      [
        ['Demo room 1', demo.id],
        ['Demo room 2', demo.id],
        ['Demo room 3', demo.id],
      ]
    )

    const again = await ace.create(RoomsSeed, ['--count=5'])
    await again.exec()
    again.assertSucceeded()
    again.assertLog('[ green(success) ] Created 2 room(s), 3 already existed (owner: demo)')
    assert.lengthOf(await Room.all(), 5)
  })

  test('rooms:seed uses a named owner and refuses an unknown one', async ({ assert }) => {
    const user = await UserFactory.merge({ username: 'teacher' }).create()
    const named = await ace.create(RoomsSeed, ['--count=1', '--owner=Teacher'])
    await named.exec()
    named.assertSucceeded()
    const seeded = await Room.findByOrFail('name', 'Demo room 1')
    assert.equal(seeded.ownerId, user.id)

    const unknown = await ace.create(RoomsSeed, ['--count=1', '--owner=nobody'])
    await unknown.exec()
    unknown.assertFailed()
    unknown.assertLog('[ red(error) ] Unknown user "nobody"', 'stderr')
  })

  test('room:create creates a room for an owner', async ({ assert }) => {
    const user = await UserFactory.merge({ username: 'coach' }).create()
    const command = await ace.create(RoomCreate, [
      'Team talk',
      '--owner=coach',
      '--description=Matches',
    ])
    await command.exec()
    command.assertSucceeded()
    const room = await Room.findByOrFail('name', 'Team talk')
    assert.equal(room.ownerId, user.id)
    assert.equal(room.description, 'Matches')
  })

  test('room:create refuses an unknown owner and a duplicate name', async ({ assert }) => {
    const user = await UserFactory.merge({ username: 'dup_owner' }).create()
    await RoomFactory.merge({ name: 'Existing', ownerId: user.id }).create()

    const unknown = await ace.create(RoomCreate, ['Whatever', '--owner=ghost'])
    await unknown.exec()
    unknown.assertFailed()
    unknown.assertLog('[ red(error) ] Unknown user "ghost"', 'stderr')

    const duplicate = await ace.create(RoomCreate, ['EXISTING', '--owner=dup_owner'])
    await duplicate.exec()
    duplicate.assertFailed()
    duplicate.assertLog('[ red(error) ] name: The name has already been taken', 'stderr')
    assert.lengthOf(await Room.all(), 1)
  })

  test('room:delete removes the room and its messages; unknown name fails', async ({ assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({
      name: 'Old stuff',
      ownerId: user.id,
      lastSeq: 1,
    }).create()
    await Message.create({ roomId: room.id, userId: user.id, seq: 1, body: 'bye' })

    const command = await ace.create(RoomDelete, ['old STUFF'])
    await command.exec()
    command.assertSucceeded()
    assert.isNull(await Room.find(room.id))
    assert.lengthOf(await Message.all(), 0)

    const missing = await ace.create(RoomDelete, ['Old stuff'])
    await missing.exec()
    missing.assertFailed()
    missing.assertLog('[ red(error) ] No room named "Old stuff"', 'stderr')
  })

  test('room:delete asks for --id when several rooms share the name', async ({ assert }) => {
    const ana = await UserFactory.merge({ username: 'ana_owner' }).create()
    const bob = await UserFactory.merge({ username: 'bob_owner' }).create()
    const open = await RoomFactory.merge({ name: 'Den', ownerId: ana.id }).create()
    const closed = await RoomFactory.merge({
      name: 'den',
      ownerId: bob.id,
      visibility: 'private',
    }).create()

    const ambiguous = await ace.create(RoomDelete, ['DEN'])
    await ambiguous.exec()
    ambiguous.assertFailed()
    ambiguous.assertLog(
      `[ red(error) ] 2 rooms are named "DEN": id ${open.id} (public, owner ana_owner), ` +
        `id ${closed.id} (private, owner bob_owner). Run again with --id`,
      'stderr'
    )
    assert.lengthOf(await Room.all(), 2)

    const chosen = await ace.create(RoomDelete, ['DEN', `--id=${closed.id}`])
    await chosen.exec()
    chosen.assertSucceeded()
    const left = await Room.all()
    assert.deepEqual(
      left.map((room) => room.id),
      [open.id]
    )
  })

  test('db:seed loads the demo dataset twice without duplicates', async ({ assert }) => {
    const { default: DbSeed } = await import('@adonisjs/lucid/commands/db_seed')
    for (let run = 0; run < 2; run++) {
      const command = await ace.create(DbSeed, [])
      await command.exec()
      command.assertSucceeded()
    }
    const users = await User.query().orderBy('username')
    const usernames = users.map((user) => user.username)
    assert.deepEqual(usernames, ['alice', 'bob', 'carol'])
    const rooms = await Room.all()
    assert.sameMembers(
      rooms.map((room) => room.name),
      ['General', 'Random', 'Help desk', 'Phòng chung', 'Hỏi đáp']
    )
  })
})

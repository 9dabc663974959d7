import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Room from '#models/room'
import Message from '#models/message'
import ReadMarkerService from '#services/rooms/read_marker_service'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { joinRooms } from '#tests/helpers/memberships'

test.group('Facts read once per request', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a loaded room answers who moderates it once per user; a fresh load asks again', async ({
    assert,
  }) => {
    const owner = await UserFactory.create()
    const helper = await UserFactory.create()
    const loaded = await createRoomWithMessages(owner, 1)
    const room = await Room.findOrFail(loaded.id)

    assert.isTrue(await room.isModeratedByUser(owner.id))
    assert.isFalse(await room.isModeratedByUser(helper.id))
    await db.table('room_moderators').insert({ room_id: room.id, user_id: helper.id })

    assert.isFalse(await room.isModeratedByUser(helper.id))
    const reloaded = await Room.findOrFail(room.id)
    assert.isTrue(await reloaded.isModeratedByUser(helper.id))
  })

  test('one service instance reads the unread counts once, serves any part of them, and reads again after markRead', async ({
    assert,
  }) => {
    const author = await UserFactory.create()
    const reader = await UserFactory.create()
    const first = await createRoomWithMessages(author, 3)
    const second = await createRoomWithMessages(author, 2)
    await joinRooms(reader, [first, second])
    const markers = new ReadMarkerService()

    assert.deepEqual(await markers.unreadCounts(reader.id), [
      { room: first.id, unread: 3, mentions: 0 },
      { room: second.id, unread: 2, mentions: 0 },
    ])
    await Message.create({ roomId: first.id, userId: author.id, seq: 4, body: 'one more' })
    await Room.query().where('id', first.id).update({ last_seq: 4 })

    assert.deepEqual(await markers.unreadCounts(reader.id, [first.id]), [
      { room: first.id, unread: 3, mentions: 0 },
    ])
    assert.deepEqual(await new ReadMarkerService().unreadCounts(reader.id, [first.id]), [
      { room: first.id, unread: 4, mentions: 0 },
    ])
    await markers.markRead(reader.id, second.id, 2)
    assert.deepEqual(await markers.unreadCounts(reader.id), [
      { room: first.id, unread: 4, mentions: 0 },
    ])
  })
})

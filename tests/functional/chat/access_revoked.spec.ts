import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import db from '@adonisjs/lucid/services/db'
import { ModelRoomAccess } from '#services/rooms/room_access'
import { ChatTestClient, closeAllClients } from '#tests/helpers/ws_client'
import { startCustomChat } from '#tests/helpers/custom_chat'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import {
  chatGroup,
  connect,
  createUser,
  join,
  presenceLeaving,
  say,
  appOrigin,
  ticketFor,
} from '#tests/helpers/chat_fixtures'

chatGroup('Chat: losing access to a private room', (chat) => {
  test('a removed member is told once and receives nothing more from the room', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const member = await createUser()
    const witness = await createUser()
    const room = await createPrivateRoom(owner, [member, witness])
    const ownerSocket = await connect(chat, owner)
    const memberSocket = await connect(chat, member)
    const witnessSocket = await connect(chat, witness)
    await join(ownerSocket, room)
    await join(memberSocket, room)
    await join(witnessSocket, room)
    await say(ownerSocket, room, 'before', 'everyone sees this')
    await memberSocket.next({ type: 'message', client_id: 'before' })

    const removed = await client
      .delete(`/api/v1/rooms/${room.id}/members/${member.id}`)
      .withGuard('api')
      .loginAs(owner)
    removed.assertStatus(204)

    assert.deepEqual(await memberSocket.next({ type: 'room_access_revoked' }), {
      type: 'room_access_revoked',
      room: room.id,
    })
    const gone = await presenceLeaving(witnessSocket, member)
    assert.deepEqual(gone.left, [{ id: member.id, username: member.username }])
    assert.equal(gone.room, room.id)
    await say(ownerSocket, room, 'after', 'members only now')
    await witnessSocket.next({ type: 'message', client_id: 'after' })

    memberSocket.send({ type: 'send', room: room.id, client_id: 'sneak', text: 'still here?' })
    memberSocket.send({ type: 'join', room: room.id })
    memberSocket.send({ type: 'history', room: room.id })
    const refusals = await memberSocket.take(3, { type: 'error' })
    await memberSocket.roundTrip()

    assert.deepEqual(
      refusals.map((frame) => [frame.code, frame.ref]),
      [
        ['not_joined', 'sneak'],
        ['room_not_found', room.id],
        ['room_not_found', room.id],
      ]
    )
    assert.deepEqual(
      memberSocket.receivedOfType('message').map((frame) => frame.client_id),
      ['before']
    )
    assert.lengthOf(memberSocket.receivedOfType('room_access_revoked'), 1)
    await room.refresh()
    assert.equal(room.lastSeq, 2)
  })

  test('leaving from one device ends the subscription of every socket of that user', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const member = await createUser()
    const room = await createPrivateRoom(owner, [member])
    const ownerSocket = await connect(chat, owner)
    const phone = await connect(chat, member)
    const laptop = await connect(chat, member)
    await join(ownerSocket, room)
    await join(phone, room)
    await join(laptop, room)

    const left = await client
      .delete(`/api/v1/rooms/${room.id}/members/${member.id}`)
      .withGuard('api')
      .loginAs(member)
    left.assertStatus(204)

    for (const socket of [phone, laptop]) {
      assert.deepEqual(await socket.next({ type: 'room_access_revoked' }), {
        type: 'room_access_revoked',
        room: room.id,
      })
    }
    const gone = await presenceLeaving(ownerSocket, member)
    assert.deepEqual(gone.left, [{ id: member.id, username: member.username }])
    assert.equal(gone.room, room.id)
    await say(ownerSocket, room, 'c-1', 'alone now')
    await ownerSocket.next({ type: 'message', client_id: 'c-1' })
    await phone.roundTrip()
    await laptop.roundTrip()
    assert.lengthOf(phone.receivedOfType('message'), 0)
    assert.lengthOf(laptop.receivedOfType('message'), 0)
  })
})

test.group('Chat: removed while joining a private room', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('a member removed between the access check and the join is told, not subscribed', async ({
    assert,
    cleanup,
  }) => {
    const owner = await createUser()
    const member = await createUser()
    const room = await createPrivateRoom(owner, [member])
    const access = new ModelRoomAccess()
    const visibleRoom = access.visibleRoom.bind(access)
    let removed = false
    // The removal commits right after the first access check passed
    access.visibleRoom = async (id, user) => {
      const head = await visibleRoom(id, user)
      if (user.id === member.id && !removed) {
        removed = true
        await db.from('room_members').where({ room_id: id, user_id: member.id }).delete()
      }
      return head
    }
    const chat = await startCustomChat({ access, allowedOrigins: [appOrigin] })
    cleanup(() => chat.stop())
    const ownerSocket = await ChatTestClient.open(chat.url, ticketFor(owner), { origin: appOrigin })
    const memberSocket = await ChatTestClient.open(chat.url, ticketFor(member), {
      origin: appOrigin,
    })
    await join(ownerSocket, room)

    memberSocket.send({ type: 'join', room: room.id })
    await memberSocket.next({ type: 'room_access_revoked', room: room.id })
    await say(ownerSocket, room, 'after', 'members only')
    memberSocket.send({ type: 'send', room: room.id, client_id: 'm-1', text: 'still here?' })
    const refused = await memberSocket.next({ type: 'error' })

    assert.equal(refused.code, 'not_joined')
    assert.notExists(memberSocket.received.find((frame) => frame.client_id === 'after'))
  })
})

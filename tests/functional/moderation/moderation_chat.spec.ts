import { test } from '@japa/runner'
import env from '#start/env'
import User from '#models/user'
import Message from '#models/message'
import RoomModeratorsService from '#services/moderation/room_moderators_service'
import RoomMutesService from '#services/moderation/room_mutes_service'
import AccountDeactivationService from '#services/moderation/account_deactivation_service'
import { ChatTestClient } from '#tests/helpers/ws_client'
import {
  appOrigin,
  chatGroup,
  connect,
  createRoom,
  createUser,
  join,
  say,
  twoJoined,
} from '#tests/helpers/chat_fixtures'
import app from '@adonisjs/core/services/app'

const appUrl = `http://${env.get('HOST')}:${env.get('PORT')}`

chatGroup('Moderation on the chat socket', (chat) => {
  test('a moderator and the admin delete anyone’s message; a member does not', async ({
    assert,
  }) => {
    const { ana, room, anaSocket, bobSocket } = await twoJoined(chat)
    const carol = await createUser()
    const admin = await createUser()
    admin.isAdmin = true
    await admin.save()
    await new RoomModeratorsService().appoint(room, carol.username)
    await say(anaSocket, room, 'a-1', 'first')
    await say(anaSocket, room, 'a-2', 'second')

    bobSocket.send({ type: 'delete', room: room.id, client_id: 'b-del', target: 1 })
    const refusalBDel = await bobSocket.next({ type: 'error', ref: 'b-del' })
    assert.equal(refusalBDel.code, 'forbidden')

    const carolSocket = await connect(chat, carol)
    await join(carolSocket, room)
    carolSocket.send({ type: 'delete', room: room.id, client_id: 'c-del', target: 1 })
    await carolSocket.next({ type: 'ack', client_id: 'c-del' })
    const adminSocket = await connect(chat, admin)
    await join(adminSocket, room)
    adminSocket.send({ type: 'delete', room: room.id, client_id: 'x-del', target: 2 })
    await adminSocket.next({ type: 'ack', client_id: 'x-del' })

    const deleted = await anaSocket.take(2, { type: 'message', kind: 'delete' })
    assert.deepEqual(
      deleted.map((frame) => [frame.target, (frame.user as { id: number }).id]),
      [
        [1, carol.id],
        [2, admin.id],
      ]
    )
    const rows = await Message.query()
      .where('room_id', room.id)
      .where('kind', 'message')
      .orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.seq, row.deletedAt !== null]),
      [
        [1, true],
        [2, true],
      ]
    )
    assert.equal(ana.id, room.ownerId)
  })

  test('a mute refuses sends and edits at once, on every chat node; unmuting lets them through', async ({
    assert,
  }) => {
    const { ana, bob, room, bobSocket } = await twoJoined(chat)
    await say(bobSocket, room, 'b-1', 'before the mute')
    const mutes = await app.container.make(RoomMutesService)

    const { until } = await mutes.mute(room, bob.username, 10, ana)
    const told = await bobSocket.next({ type: 'muted', room: room.id })
    assert.equal(told.until, until.toJSDate().toISOString())
    bobSocket.send({ type: 'send', room: room.id, client_id: 'b-2', text: 'muted?' })
    bobSocket.send({ type: 'edit', room: room.id, client_id: 'b-3', target: 1, text: 'sneaky' })
    const refusals = await bobSocket.take(2, { type: 'error' })
    assert.deepEqual(
      refusals.map((frame) => [frame.code, frame.ref, frame.message]),
      [
        ['muted', 'b-2', `Muted in this room until ${until.toJSDate().toISOString()}`],
        ['muted', 'b-3', `Muted in this room until ${until.toJSDate().toISOString()}`],
      ]
    )

    await mutes.unmute(room, bob.id)
    assert.deepEqual(await bobSocket.next({ type: 'muted', until: null }), {
      type: 'muted',
      room: room.id,
      until: null,
    })
    await say(bobSocket, room, 'b-4', 'after the mute')
    const texts = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      texts.map((row) => row.body),
      ['before the mute', 'after the mute']
    )
  })

  test('deactivating an account closes its sockets with 1008', async ({ assert }) => {
    const admin = await createUser()
    const bob = await createUser()
    const room = await createRoom(admin)
    const bobSocket = await ChatTestClient.open(chat.url, await tokenTicket(bob), {
      origin: appOrigin,
    })
    await join(bobSocket, room)
    const deactivation = await app.container.make(AccountDeactivationService)
    await deactivation.deactivate(bob, admin)
    assert.deepEqual(await bobSocket.closed, { code: 1008, reason: 'signed out' })
  })
})

/**
 * A chat ticket for a new API token of `user`, from POST /api/v1/chat/tickets
 */
async function tokenTicket(user: User) {
  const created = await User.accessTokens.create(user)
  const token = created.value!.release()
  const response = await fetch(`${appUrl}/api/v1/chat/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  })
  return ((await response.json()) as { ticket: string }).ticket
}

import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import Message from '#models/message'
import RoomMutesService from '#services/moderation/room_mutes_service'
import DeliveryDoctorService from '#services/operations/delivery_doctor_service'
import { truncateTables } from '#tests/helpers/database'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'

/**
 * Ana's room with a message of hers (seq 1) and Bob
 */
async function scene() {
  const ana = await createUser()
  const bob = await createUser()
  const room = await createRoom(ana)
  await Message.create({
    roomId: room.id,
    userId: ana.id,
    seq: 1,
    body: 'hi',
    bodyHtml: '<p>hi</p>',
  })
  room.lastSeq = 1
  await room.save()
  return { ana, bob, room }
}

test.group('Reactions over HTTP', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('react, read and withdraw over the API; each is a log entry', async ({ client, assert }) => {
    const { bob, room } = await scene()
    const path = `/api/v1/rooms/${room.id}/messages/1/reactions`
    const added = await client.post(path).json({ emoji: '🚀' }).withGuard('api').loginAs(bob)
    added.assertStatus(201)
    assert.deepEqual([added.body().data.kind, added.body().data.text], ['react', '🚀'])
    const twice = await client.post(path).json({ emoji: '🚀' }).withGuard('api').loginAs(bob)
    twice.assertStatus(409)
    assert.equal(twice.body().errors[0].code, 'E_ALREADY_REACTED')
    const image = await client.post(path).json({ emoji: ':rocket:' }).withGuard('api').loginAs(bob)
    image.assertStatus(422)

    const read = await client.get(path).withGuard('api').loginAs(bob)
    assert.deepEqual(read.body().data, [
      { emoji: '🚀', users: [{ id: bob.id, username: bob.username }] },
    ])
    const withdrawn = await client.delete(path).json({ emoji: '🚀' }).withGuard('api').loginAs(bob)
    withdrawn.assertStatus(200)
    assert.equal(withdrawn.body().data.kind, 'unreact')
    const none = await client.get(path).withGuard('api').loginAs(bob)
    assert.deepEqual(none.body().data, [])
    const [diagnosis] = await new DeliveryDoctorService().diagnose(room.name)
    assert.deepEqual(diagnosis.problems, [])
  })

  test('the no-JS form toggles one’s reaction and returns to the message', async ({
    client,
    assert,
  }) => {
    const { bob, room } = await scene()
    const on = await client
      .post(`/rooms/${room.id}/messages/1/reactions`)
      .withCsrfToken()
      .form({ emoji: '👍' })
      .loginAs(bob)
      .redirects(0)
    on.assertStatus(302)
    assert.equal(on.header('location'), `/rooms/${room.id}#message-1`)
    await client
      .post(`/rooms/${room.id}/messages/1/reactions`)
      .withCsrfToken()
      .form({ emoji: '👍' })
      .loginAs(bob)
      .redirects(0)
    const kinds = await db.from('messages').where('room_id', room.id).orderBy('seq').select('kind')
    assert.deepEqual(
      kinds.map((row) => row.kind),
      ['message', 'react', 'unreact']
    )
  })

  test('a muted person cannot react; an outsider of a private room gets 404', async ({
    client,
    assert,
  }) => {
    const { ana, bob, room } = await scene()
    const mutes = await app.container.make(RoomMutesService)
    await mutes.mute(room, bob.username, 10, ana)
    const path = `/api/v1/rooms/${room.id}/messages/1/reactions`
    const muted = await client.post(path).json({ emoji: '👍' }).withGuard('api').loginAs(bob)
    muted.assertStatus(403)
    assert.equal(muted.body().errors[0].code, 'E_MUTED')

    room.visibility = 'private'
    await room.save()
    await room.related('members').attach([ana.id])
    const outsider = await createUser()
    const hidden = await client.get(path).withGuard('api').loginAs(outsider)
    hidden.assertStatus(404)
  })
})

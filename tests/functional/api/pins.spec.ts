import { test } from '@japa/runner'
import Message from '#models/message'
import RoomModeratorsService from '#services/moderation/room_moderators_service'
import DeliveryDoctorService from '#services/operations/delivery_doctor_service'
import { truncateTables } from '#tests/helpers/database'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'

/**
 * Ana's room with two messages of Bob's (seqs 1 and 2), Carol its moderator
 */
async function scene() {
  const ana = await createUser()
  const bob = await createUser()
  const carol = await createUser()
  const room = await createRoom(ana)
  for (const seq of [1, 2]) {
    await Message.create({
      roomId: room.id,
      userId: bob.id,
      seq,
      body: `note ${seq}`,
      bodyHtml: `<p>note ${seq}</p>`,
    })
  }
  room.lastSeq = 2
  await room.save()
  await new RoomModeratorsService().appoint(room, carol.username)
  return { ana, bob, carol, room }
}

test.group('Pins over HTTP', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('a moderator pins and unpins over the API; a member is refused; the list follows', async ({
    client,
    assert,
  }) => {
    const { bob, carol, room } = await scene()
    const byMember = await client
      .post(`/api/v1/rooms/${room.id}/pins`)
      .json({ seq: 1 })
      .withGuard('api')
      .loginAs(bob)
    byMember.assertStatus(403)
    assert.equal(byMember.body().errors[0].code, 'E_MESSAGE_FORBIDDEN')

    const pinned = await client
      .post(`/api/v1/rooms/${room.id}/pins`)
      .json({ seq: 2, client_id: 'pin-2' })
      .withGuard('api')
      .loginAs(carol)
    pinned.assertStatus(201)
    assert.deepEqual(
      [pinned.body().data.kind, pinned.body().data.target, pinned.body().data.seq],
      ['pin', 2, 3]
    )
    const retried = await client
      .post(`/api/v1/rooms/${room.id}/pins`)
      .json({ seq: 2, client_id: 'pin-2' })
      .withGuard('api')
      .loginAs(carol)
    assert.equal(retried.body().data.seq, 3)
    const twice = await client
      .post(`/api/v1/rooms/${room.id}/pins`)
      .json({ seq: 2 })
      .withGuard('api')
      .loginAs(carol)
    twice.assertStatus(409)
    assert.equal(twice.body().errors[0].code, 'E_ALREADY_PINNED')

    const list = await client.get(`/api/v1/rooms/${room.id}/pins`).withGuard('api').loginAs(bob)
    assert.deepEqual(
      list.body().data.map((pin: { seq: number; text: string }) => [pin.seq, pin.text]),
      [[2, 'note 2']]
    )
    const unpinned = await client
      .delete(`/api/v1/rooms/${room.id}/pins/2`)
      .withGuard('api')
      .loginAs(carol)
    unpinned.assertStatus(200)
    assert.equal(unpinned.body().data.kind, 'unpin')
    const empty = await client.get(`/api/v1/rooms/${room.id}/pins`).withGuard('api').loginAs(bob)
    assert.deepEqual(empty.body().data, [])

    const log = await client
      .get(`/api/v1/rooms/${room.id}/messages`)
      .qs({ since: 2 })
      .withGuard('api')
      .loginAs(bob)
    assert.deepEqual(
      log.body().data.map((entry: { kind: string; target: number }) => [entry.kind, entry.target]),
      [
        ['pin', 2],
        ['unpin', 2],
      ]
    )
    const [diagnosis] = await new DeliveryDoctorService().diagnose(room.name)
    assert.deepEqual(diagnosis.problems, [])
  })

  test('the pins page lists pinned messages; its forms pin and unpin without JavaScript', async ({
    client,
    assert,
  }) => {
    const { ana, bob, room } = await scene()
    const pin = await client
      .post(`/rooms/${room.id}/pins`)
      .withCsrfToken()
      .form({ seq: '1' })
      .loginAs(ana)
    pin.assertStatus(200)
    assert.include(pin.text(), 'The message is pinned.')
    assert.include(pin.text(), '<p>note 1</p>')
    assert.include(pin.text(), 'Unpin message 1')

    const asMember = await client.get(`/rooms/${room.id}/pins`).loginAs(bob)
    assert.include(asMember.text(), '<p>note 1</p>')
    assert.notInclude(asMember.text(), 'Unpin message 1')

    const unpin = await client.delete(`/rooms/${room.id}/pins/1`).withCsrfToken().loginAs(ana)
    assert.include(unpin.text(), 'Nothing is pinned in this room yet.')
  })

  test('an outsider of a private room gets 404 for its pins', async ({ client }) => {
    const { ana, room } = await scene()
    room.visibility = 'private'
    await room.save()
    await room.related('members').attach([ana.id])
    const outsider = await createUser()
    const page = await client.get(`/rooms/${room.id}/pins`).loginAs(outsider)
    page.assertStatus(404)
    const api = await client.get(`/api/v1/rooms/${room.id}/pins`).withGuard('api').loginAs(outsider)
    api.assertStatus(404)
  })
})

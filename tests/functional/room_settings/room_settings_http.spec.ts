import { test } from '@japa/runner'
import Room from '#models/room'
import Message from '#models/message'
import { truncateTables } from '#tests/helpers/database'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'

/**
 * Ana's public room with a message of Bob's (seq 1); both are members
 */
async function scene() {
  const ana = await createUser()
  const bob = await createUser()
  const room = await createRoom(ana)
  await room.related('members').attach([ana.id, bob.id])
  await Message.create({
    roomId: room.id,
    userId: bob.id,
    seq: 1,
    body: 'hi',
    bodyHtml: '<p>hi</p>',
  })
  room.lastSeq = 1
  await room.save()
  return { ana, bob, room }
}

test.group('Room settings over HTTP', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test("a room name with markup stays text in the settings form's value", async ({
    client,
    assert,
  }) => {
    const { ana, room } = await scene()
    room.name = 'x"><img src=x onerror=alert(1)>'
    await room.save()

    const page = await client.get(`/rooms/${room.id}/settings`).loginAs(ana)
    page.assertStatus(200)
    page.assertTextIncludes('value="x&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"')
    assert.notInclude(page.text(), '<img src=x onerror')
  })

  test('the no-JavaScript form renames and sets the topic: two entries, then the settings page', async ({
    client,
    assert,
  }) => {
    const { ana, room } = await scene()
    const page = await client.get(`/rooms/${room.id}/settings`).loginAs(ana)
    page.assertStatus(200)
    page.assertTextIncludes('Name and topic')

    const saved = await client
      .put(`/rooms/${room.id}/settings`)
      .form({ name: 'Garden', description: 'Seeds and soil', visibility: 'public' })
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    saved.assertStatus(302)
    assert.equal(saved.header('location'), `/rooms/${room.id}/settings`)
    const entries = await Message.query()
      .where('room_id', room.id)
      .where('seq', '>', 1)
      .orderBy('seq')
    assert.deepEqual(
      entries.map((entry) => [entry.seq, entry.kind, entry.body]),
      [
        [2, 'rename', 'Garden'],
        [3, 'topic', 'Seeds and soil'],
      ]
    )
    const again = await client
      .put(`/rooms/${room.id}/settings`)
      .form({ name: 'Garden', description: 'Seeds and soil', visibility: 'public' })
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    again.assertStatus(302)
    const unchangedRoom = await Room.findOrFail(room.id)
    assert.equal(unchangedRoom.lastSeq, 3, 'nothing changed, nothing logged')
  })

  test('the room page shows the setting lines after a reload, in the reader’s language, escaped', async ({
    client,
    assert,
  }) => {
    const { ana, bob, room } = await scene()
    ana.displayName = 'Ana <b>'
    await ana.save()
    const saved = await client
      .put(`/rooms/${room.id}/settings`)
      .form({ name: 'Garden', description: '<i>soil</i> & seeds', visibility: 'public' })
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    saved.assertStatus(302)
    const after = await Room.findOrFail(room.id)
    await Message.create({ roomId: room.id, userId: bob.id, seq: 4, body: 'ok', bodyHtml: '' })
    after.lastSeq = 4
    await after.save()

    const page = await client.get(`/rooms/${room.id}`).loginAs(bob)
    page.assertStatus(200)
    const rows = [
      ...page.text().matchAll(/<li\s+(?:id="message-\d+"\s+)?class="([^"]+)"\s+data-seq="(\d+)"/g),
    ]
    assert.deepEqual(
      rows.map(([, kind, seq]) => `${seq} ${kind}`),
      ['1 message group-start mine', '2 room-event', '3 room-event', '4 message group-start mine']
    )
    assert.include(
      page.text(),
      '<span class="room-event-text">Ana &lt;b&gt; renamed the room to “Garden”</span>'
    )
    assert.include(
      page.text(),
      '<span class="room-event-text">Ana &lt;b&gt; changed the topic to “&lt;i&gt;soil&lt;/i&gt; &amp; seeds”</span>'
    )
    assert.notInclude(page.text(), '<i>soil</i>')

    const vi = await client.get(`/rooms/${room.id}`).header('accept-language', 'vi').loginAs(bob)
    assert.include(
      vi.text(),
      '<span class="room-event-text">Ana &lt;b&gt; đã đổi tên phòng thành “Garden”</span>'
    )
  })

  test('a form without its CSRF token changes nothing', async ({ client, assert }) => {
    const { ana, room } = await scene()
    await client
      .put(`/rooms/${room.id}/settings`)
      .form({ name: 'Forged' })
      .loginAs(ana)
      .redirects(0)
    const after = await Room.findOrFail(room.id)
    assert.deepEqual([after.name, after.lastSeq], [room.name, 1])
  })

  test('names follow the rule of room creation: length, and free in their scope', async ({
    client,
    assert,
  }) => {
    const { ana, room } = await scene()
    const other = await createRoom()
    const taken = await client
      .patch(`/api/v1/rooms/${room.id}`)
      .json({ name: other.name.toUpperCase() })
      .withGuard('api')
      .loginAs(ana)
    taken.assertStatus(422)
    assert.equal(taken.body().errors[0].code, 'E_ROOM_NAME_TAKEN')

    const long = await client
      .patch(`/api/v1/rooms/${room.id}`)
      .json({ name: 'x'.repeat(65), description: 'y'.repeat(501) })
      .withGuard('api')
      .loginAs(ana)
    long.assertStatus(422)
    assert.sameMembers(
      long.body().errors.map((error: { field: string }) => error.field),
      ['name', 'description']
    )

    const mine = await createRoom(ana)
    mine.visibility = 'private'
    mine.name = 'Secret'
    await mine.save()
    const privately = await client
      .patch(`/api/v1/rooms/${room.id}`)
      .json({ name: 'secret', visibility: 'private' })
      .withGuard('api')
      .loginAs(ana)
    privately.assertStatus(422)
    assert.equal(privately.body().errors[0].code, 'E_ROOM_NAME_TAKEN')

    const form = await client
      .put(`/rooms/${room.id}/settings`)
      .form({ name: other.name })
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    form.assertStatus(302)
    form.assertFlashMessage('inputErrorsBag', { name: ['Another room already has this name.'] })
    const refusedRoom = await Room.findOrFail(room.id)
    assert.equal(refusedRoom.lastSeq, 1)
  })

  test('an archived room refuses posts, edits, reactions and pins over HTTP with E_ROOM_ARCHIVED', async ({
    client,
    assert,
  }) => {
    const { ana, bob, room } = await scene()
    await client
      .post(`/rooms/${room.id}/archive`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
      .then((response) => response.assertStatus(302))
    const show = await client.get(`/rooms/${room.id}`).loginAs(bob)
    show.assertTextIncludes('This room is archived: it is read-only.')

    const writes = [
      client.post(`/api/v1/rooms/${room.id}/messages`).json({ text: 'late' }),
      client.patch(`/api/v1/rooms/${room.id}/messages/1`).json({ text: 'changed' }),
      client.post(`/api/v1/rooms/${room.id}/messages/1/reactions`).json({ emoji: '👍' }),
    ]
    for (const write of writes) {
      const response = await write.withGuard('api').loginAs(bob)
      response.assertStatus(409)
      assert.equal(response.body().errors[0].code, 'E_ROOM_ARCHIVED')
    }
    const pin = await client
      .post(`/api/v1/rooms/${room.id}/pins`)
      .json({ seq: 1 })
      .withGuard('api')
      .loginAs(ana)
    pin.assertStatus(409)
    const archivedRoom = await Room.findOrFail(room.id)
    assert.equal(archivedRoom.lastSeq, 2)

    const form = await client
      .post(`/rooms/${room.id}/messages`)
      .form({ text: 'from the form' })
      .withCsrfToken()
      .loginAs(bob)
      .redirects(0)
    form.assertStatus(302)
    form.assertFlashMessage('error', 'This room is archived: it is read-only.')

    await client
      .delete(`/rooms/${room.id}/archive`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
      .then((response) => response.assertStatus(302))
    const posted = await client
      .post(`/api/v1/rooms/${room.id}/messages`)
      .json({ text: 'back' })
      .withGuard('api')
      .loginAs(bob)
    posted.assertStatus(201)
    assert.equal(posted.body().data.seq, 4)
  })

  test('the owner hands the room to a member only (typed with or without “@”); the old owner stays a member', async ({
    client,
    assert,
  }) => {
    const { ana, bob, room } = await scene()
    const stranger = await createUser()
    const refusals: Array<[string, string]> = [
      ['nobody-by-that-name', 'E_UNKNOWN_USER'],
      [stranger.username, 'E_NOT_MEMBER'],
      [ana.username, 'E_ALREADY_OWNER'],
    ]
    for (const [username, code] of refusals) {
      const response = await client
        .put(`/api/v1/rooms/${room.id}/owner`)
        .json({ username })
        .withGuard('api')
        .loginAs(ana)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].code, code)
    }
    const form = await client
      .put(`/rooms/${room.id}/owner`)
      .form({ username: `@${bob.username}` })
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)
    form.assertStatus(302)
    const after = await Room.findOrFail(room.id)
    assert.deepEqual([after.ownerId, after.lastSeq], [bob.id, 2])
    const members = await after.related('members').query().orderBy('users.id')
    assert.deepEqual(
      members.map((member) => member.id),
      [ana.id, bob.id]
    )
    const refused = await client
      .patch(`/api/v1/rooms/${room.id}`)
      .json({ name: 'Not mine any more' })
      .withGuard('api')
      .loginAs(ana)
    refused.assertStatus(403)
  })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ace from '@adonisjs/core/services/ace'
import transmit from '@adonisjs/transmit/services/main'
import Room from '#models/room'
import Message from '#models/message'
import RoomCreate from '#commands/room_create'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom, memberIdsOf } from '#tests/helpers/private_rooms'

/**
 * Records the room_created / room_deleted events sent on Transmit until the
 * test ends, as [channel, type, room id]
 */
function recordLobbyEvents(cleanup: (handler: () => void) => void) {
  const events: Array<[string, string, number]> = []
  const original = transmit.broadcast
  transmit.broadcast = (channel: string, payload?: Parameters<typeof original>[1]) => {
    const event = payload as { type?: string; room?: { id?: number } }
    if (event.type === 'room_created' || event.type === 'room_deleted') {
      events.push([channel, event.type, event.room!.id!])
    }
    return original.call(transmit, channel, payload)
  }
  cleanup(() => {
    transmit.broadcast = original
  })
  return events
}

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

  test('rooms are public by default and public rooms have no members', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    await client.post('/rooms').withCsrfToken().loginAs(owner).form({ name: 'Town square' })
    const room = await Room.findByOrFail('name', 'Town square')
    assert.equal(room.visibility, 'public')
    assert.deepEqual(await memberIdsOf(room.id), [])

    const page = await client.get(`/rooms/${room.id}`).loginAs(owner)
    assert.notInclude(page.text(), `/rooms/${room.id}/members`)
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
    post.assertHeader('location', `/rooms/${room.id}`)
    const show = await client.get(`/api/v1/rooms/${room.id}`).withGuard('api').loginAs(member)
    assert.equal(show.body().data.visibility, 'private')

    const messages = await Message.query().where('room_id', room.id)
    assert.deepEqual(
      messages.map((message) => [message.userId, message.body]),
      [[member.id, 'inside']]
    )
  })
})

test.group('Private rooms: members', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the owner sees the members, the invite form and Remove buttons', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.merge({ username: 'the_owner' }).create()
    const member = await UserFactory.merge({ username: 'a_member' }).create()
    const room = await createPrivateRoom(owner, [member])

    const page = await client.get(`/rooms/${room.id}/members`).loginAs(owner)
    page.assertStatus(200)
    const text = page.text()
    assert.include(text, 'the_owner')
    assert.include(text, 'a_member')
    assert.include(text, '2 members')
    assert.include(text, 'Invite someone')
    assert.include(text, `href="/rooms/${room.id}/members/${member.id}/remove"`)
    assert.include(text, 'aria-label="Remove a_member from the room"')
    assert.notInclude(text, `/rooms/${room.id}/members/${owner.id}/remove`)
    assert.notInclude(text, 'Leave the room')
  })

  test('a member sees the list and a Leave button, not the invite form', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const other = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member, other])

    const page = await client.get(`/rooms/${room.id}/members`).loginAs(member)
    page.assertStatus(200)
    const text = page.text()
    assert.include(text, other.username)
    assert.include(text, 'Leave the room')
    assert.include(text, `href="/rooms/${room.id}/members/${member.id}/remove"`)
    assert.notInclude(text, `/rooms/${room.id}/members/${other.id}/remove`)
    assert.notInclude(text, 'Invite someone')
  })

  test('the owner invites by username, ignoring case; the guest then sees the room', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const guest = await UserFactory.merge({ username: 'Guest_Star' }).create()
    const room = await createPrivateRoom(owner)
    const before = await client.get(`/rooms/${room.id}`).loginAs(guest)
    before.assertStatus(404)

    const invite = await client
      .post(`/rooms/${room.id}/members`)
      .withCsrfToken()
      .loginAs(owner)
      .form({ username: ' guest_star ' })
      .redirects(0)
    invite.assertStatus(302)
    invite.assertHeader('location', `/rooms/${room.id}/members`)
    assert.deepEqual(
      await memberIdsOf(room.id),
      [owner.id, guest.id].sort((a, b) => a - b)
    )

    const page = await client.get(`/rooms/${room.id}`).loginAs(guest)
    page.assertStatus(200)
    const list = await client.get('/rooms').loginAs(guest)
    list.assertTextIncludes(room.name)
  })

  test('inviting an unknown user or a member again is a form error', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member])

    const unknown = await client
      .post(`/rooms/${room.id}/members`)
      .header('referer', `/rooms/${room.id}/members`)
      .withCsrfToken()
      .loginAs(owner)
      .form({ username: 'nobody_here' })
      .redirects(0)
    unknown.assertStatus(302)
    unknown.assertHeader('location', `/rooms/${room.id}/members`)
    unknown.assertFlashMessage('inputErrorsBag', { username: ['No user has this username.'] })

    const again = await client
      .post(`/rooms/${room.id}/members`)
      .header('referer', `/rooms/${room.id}/members`)
      .withCsrfToken()
      .loginAs(owner)
      .form({ username: member.username })
      .redirects(0)
    again.assertFlashMessage('inputErrorsBag', { username: ['This user is already a member.'] })

    const shown = await client
      .post(`/rooms/${room.id}/members`)
      .header('referer', `/rooms/${room.id}/members`)
      .withCsrfToken()
      .loginAs(owner)
      .form({ username: 'nobody_here' })
    shown.assertTextIncludes('No user has this username.')
    shown.assertTextIncludes('value="nobody_here"')

    assert.deepEqual(
      await memberIdsOf(room.id),
      [owner.id, member.id].sort((a, b) => a - b)
    )
  })

  test('the API lists, invites and removes members with JSON errors', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.merge({ username: 'api_owner' }).create()
    const member = await UserFactory.merge({ username: 'api_member' }).create()
    const room = await createPrivateRoom(owner)
    const asOwner = <T extends { withGuard(guard: 'api'): any }>(request: T) =>
      request.withGuard('api').loginAs(owner)

    const invited = await asOwner(client.post(`/api/v1/rooms/${room.id}/members`)).json({
      username: 'API_MEMBER',
    })
    invited.assertStatus(201)
    assert.deepEqual(invited.body(), {
      data: { id: member.id, username: 'api_member', owner: false },
    })

    const list = await asOwner(client.get(`/api/v1/rooms/${room.id}/members`))
    assert.deepEqual(list.body(), {
      data: [
        { id: owner.id, username: 'api_owner', owner: true },
        { id: member.id, username: 'api_member', owner: false },
      ],
    })

    const unknown = await asOwner(client.post(`/api/v1/rooms/${room.id}/members`)).json({
      username: 'ghost',
    })
    unknown.assertStatus(422)
    assert.deepEqual(unknown.body(), {
      errors: [{ code: 'E_UNKNOWN_USER', message: 'No user has this username', field: 'username' }],
    })
    const again = await asOwner(client.post(`/api/v1/rooms/${room.id}/members`)).json({
      username: 'api_member',
    })
    again.assertStatus(422)
    assert.equal(again.body().errors[0].code, 'E_ALREADY_MEMBER')
    const empty = await asOwner(client.post(`/api/v1/rooms/${room.id}/members`)).json({})
    empty.assertStatus(422)
    assert.deepInclude(empty.body().errors[0], { field: 'username', rule: 'required' })

    const removed = await asOwner(client.delete(`/api/v1/rooms/${room.id}/members/${member.id}`))
    removed.assertStatus(204)
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
    const gone = await asOwner(client.delete(`/api/v1/rooms/${room.id}/members/${member.id}`))
    gone.assertStatus(404)
    const huge = await asOwner(client.delete(`/api/v1/rooms/${room.id}/members/99999999999`))
    huge.assertStatus(404)
  })

  test('a member cannot invite or remove others (403), and the owner cannot leave', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const other = await UserFactory.create()
    const stranger = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member, other])

    const invite = await client
      .post(`/rooms/${room.id}/members`)
      .withCsrfToken()
      .loginAs(member)
      .form({ username: stranger.username })
    invite.assertStatus(403)
    invite.assertTextIncludes('Only the owner of this room can invite or remove members.')
    const apiInvite = await client
      .post(`/api/v1/rooms/${room.id}/members`)
      .withGuard('api')
      .loginAs(member)
      .json({ username: stranger.username })
    apiInvite.assertStatus(403)

    const remove = await client
      .delete(`/rooms/${room.id}/members/${other.id}`)
      .withCsrfToken()
      .loginAs(member)
    remove.assertStatus(403)
    const apiRemoveOwner = await client
      .delete(`/api/v1/rooms/${room.id}/members/${owner.id}`)
      .withGuard('api')
      .loginAs(member)
    apiRemoveOwner.assertStatus(403)

    const ownerLeaves = await client
      .delete(`/rooms/${room.id}/members/${owner.id}`)
      .withCsrfToken()
      .loginAs(owner)
    ownerLeaves.assertStatus(403)
    ownerLeaves.assertTextIncludes('The owner cannot leave their own room.')

    assert.deepEqual(
      await memberIdsOf(room.id),
      [owner.id, member.id, other.id].sort((a, b) => a - b)
    )
  })

  test('the owner removes a member, who then gets 404s', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member])

    const removed = await client
      .delete(`/rooms/${room.id}/members/${member.id}`)
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    removed.assertHeader('location', `/rooms/${room.id}/members`)
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
    const page = await client.get(`/rooms/${room.id}`).loginAs(member)
    page.assertStatus(404)
  })

  test('a member leaves and is taken back to the rooms list', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member])

    const left = await client
      .delete(`/rooms/${room.id}/members/${member.id}`)
      .withCsrfToken()
      .loginAs(member)
      .redirects(0)
    left.assertHeader('location', '/rooms')
    left.assertFlashMessage('success', `You left “${room.name}”.`)
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
    const list = await client.get('/rooms').loginAs(member)
    assert.notInclude(list.text(), room.name)
  })

  test('lobby news about a private room goes to its members, never to the lobby', async ({
    client,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.create()
    const guest = await UserFactory.create()
    const events = recordLobbyEvents(cleanup)

    const created = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(owner)
      .json({ name: 'Quiet corner', visibility: 'private' })
    const roomId: number = created.body().data.id
    await client
      .post(`/api/v1/rooms/${roomId}/members`)
      .withGuard('api')
      .loginAs(owner)
      .json({ username: guest.username })
    await client
      .delete(`/api/v1/rooms/${roomId}/members/${guest.id}`)
      .withGuard('api')
      .loginAs(owner)
    await client
      .post(`/api/v1/rooms/${roomId}/members`)
      .withGuard('api')
      .loginAs(owner)
      .json({ username: guest.username })
    await client.delete(`/api/v1/rooms/${roomId}`).withGuard('api').loginAs(owner)
    const publicRoom = await client
      .post('/api/v1/rooms')
      .withGuard('api')
      .loginAs(owner)
      .json({ name: 'Open corner' })
    const publicId: number = publicRoom.body().data.id

    const deletions = events.filter(([, type]) => type === 'room_deleted')
    assert.deepEqual(events.slice(0, 4), [
      [`users/${owner.id}`, 'room_created', roomId],
      [`users/${guest.id}`, 'room_created', roomId],
      [`users/${guest.id}`, 'room_deleted', roomId],
      [`users/${guest.id}`, 'room_created', roomId],
    ])
    assert.sameDeepMembers(deletions.slice(1), [
      [`users/${owner.id}`, 'room_deleted', roomId],
      [`users/${guest.id}`, 'room_deleted', roomId],
    ])
    assert.deepEqual(events.slice(-1), [['lobby', 'room_created', publicId]])
    assert.lengthOf(events, 7)
  })
})

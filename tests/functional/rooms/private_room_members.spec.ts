import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import transmit from '@adonisjs/transmit/services/main'
import { UserFactory } from '#database/factories/user_factory'
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

  test('the owner invites by username, ignoring case and a typed “@”; the guest then sees the room', async ({
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
      .form({ username: ' @guest_star ' })
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

import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import type Room from '#models/room'
import Message from '#models/message'
import { truncateTables } from '#tests/helpers/database'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'

/**
 * Ana's public room with a message of Bob's (seq 1), Carol a third person
 */
async function scene() {
  const ana = await createUser()
  const bob = await createUser()
  const carol = await createUser()
  const room = await createRoom(ana)
  await Message.create({
    roomId: room.id,
    userId: bob.id,
    seq: 1,
    body: 'hi',
    bodyHtml: '<p>hi</p>',
  })
  room.lastSeq = 1
  await room.save()
  return { ana, bob, carol, room }
}

/**
 * An API request of `user`
 */
function api(client: ApiClient, user: User) {
  return {
    post: (path: string, body: object) =>
      client.post(path).json(body).withGuard('api').loginAs(user),
    get: (path: string) => client.get(path).withGuard('api').loginAs(user),
    delete: (path: string) => client.delete(path).withGuard('api').loginAs(user),
  }
}

/**
 * Posts a message as `user` in `room` over the API
 */
function post(client: ApiClient, user: User, room: Room, text: string) {
  return api(client, user).post(`/api/v1/rooms/${room.id}/messages`, { text })
}

test.group('Moderation over HTTP', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('the owner appoints a moderator, who deletes anyone’s message until dismissed', async ({
    client,
    assert,
  }) => {
    const { ana, bob, carol, room } = await scene()
    const refused = await api(client, bob).post(`/api/v1/rooms/${room.id}/moderators`, {
      username: carol.username,
    })
    refused.assertStatus(403)
    const byCarol = await api(client, carol).delete(`/api/v1/rooms/${room.id}/messages/1`)
    byCarol.assertStatus(403)
    assert.equal(byCarol.body().errors[0].code, 'E_MESSAGE_FORBIDDEN')

    const appointed = await api(client, ana).post(`/api/v1/rooms/${room.id}/moderators`, {
      username: carol.username,
    })
    appointed.assertStatus(201)
    assert.deepEqual(appointed.body(), { data: { id: carol.id, username: carol.username } })
    const listed = await api(client, carol).get(`/api/v1/rooms/${room.id}/moderators`)
    assert.deepEqual(listed.body(), { data: [{ id: carol.id, username: carol.username }] })
    const again = await api(client, ana).post(`/api/v1/rooms/${room.id}/moderators`, {
      username: carol.username,
    })
    again.assertStatus(422)
    assert.equal(again.body().errors[0].code, 'E_ALREADY_MODERATOR')

    const deleted = await api(client, carol).delete(`/api/v1/rooms/${room.id}/messages/1`)
    deleted.assertStatus(200)
    assert.equal(deleted.body().data.kind, 'delete')

    const dismissed = await api(client, ana).delete(
      `/api/v1/rooms/${room.id}/moderators/${carol.id}`
    )
    dismissed.assertStatus(204)
    await post(client, bob, room, 'another')
    const after = await api(client, carol).delete(`/api/v1/rooms/${room.id}/messages/3`)
    after.assertStatus(403)
  })

  test('a mute refuses posts and edits with 403 E_MUTED until it ends', async ({
    client,
    assert,
  }) => {
    const { ana, bob, carol, room } = await scene()
    const byMember = await api(client, carol).post(`/api/v1/rooms/${room.id}/mutes`, {
      username: bob.username,
      minutes: 10,
    })
    byMember.assertStatus(403)
    const badDuration = await api(client, ana).post(`/api/v1/rooms/${room.id}/mutes`, {
      username: bob.username,
      minutes: 5,
    })
    badDuration.assertStatus(422)
    const owner = await api(client, ana).post(`/api/v1/rooms/${room.id}/mutes`, {
      username: ana.username,
      minutes: 10,
    })
    assert.equal(owner.body().errors[0].code, 'E_OWN_ACCOUNT')

    const muted = await api(client, ana).post(`/api/v1/rooms/${room.id}/mutes`, {
      username: bob.username,
      minutes: 60,
    })
    muted.assertStatus(201)
    const until = muted.body().data.until
    const minutesAhead = (Date.parse(until) - Date.now()) / 60_000
    assert.isAbove(minutesAhead, 59)
    assert.isAtMost(minutesAhead, 60)

    const refused = await post(client, bob, room, 'let me speak')
    refused.assertStatus(403)
    assert.deepEqual(refused.body().errors[0], {
      code: 'E_MUTED',
      message: `You are muted in this room until ${until}`,
    })
    const edit = await client
      .patch(`/api/v1/rooms/${room.id}/messages/1`)
      .json({ text: 'edited' })
      .withGuard('api')
      .loginAs(bob)
    edit.assertStatus(403)
    const mutes = await api(client, ana).get(`/api/v1/rooms/${room.id}/mutes`)
    assert.deepEqual(mutes.body().data, [{ id: bob.id, username: bob.username, until }])
    const carolStillPosts = await post(client, carol, room, 'fine')
    carolStillPosts.assertStatus(201)

    const unmuted = await api(client, ana).delete(`/api/v1/rooms/${room.id}/mutes/${bob.id}`)
    const again = await api(client, ana).delete(`/api/v1/rooms/${room.id}/mutes/${bob.id}`)
    unmuted.assertStatus(204)
    again.assertStatus(404)
    const allowed = await post(client, bob, room, 'thanks')
    allowed.assertStatus(201)
    const bodies = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      bodies.map((row) => row.body),
      ['hi', 'fine', 'thanks']
    )
  })

  test('moderators cannot be muted; the moderation page is for moderators only', async ({
    client,
    assert,
  }) => {
    const { ana, bob, carol, room } = await scene()
    await api(client, ana).post(`/api/v1/rooms/${room.id}/moderators`, { username: carol.username })
    const muteModerator = await api(client, ana).post(`/api/v1/rooms/${room.id}/mutes`, {
      username: carol.username,
      minutes: 10,
    })
    assert.equal(muteModerator.body().errors[0].code, 'E_MODERATES_ROOM')
    const page = await client.get(`/rooms/${room.id}/moderation`).loginAs(carol)
    page.assertStatus(200)
    assert.include(page.text(), carol.username)
    const memberPage = await client.get(`/rooms/${room.id}/moderation`).loginAs(bob)
    memberPage.assertStatus(403)
  })

  test('the moderation forms appoint and mute (a typed “@” is ignored), with errors under the field', async ({
    client,
    assert,
  }) => {
    const { ana, bob, room } = await scene()
    const unknown = await client
      .post(`/rooms/${room.id}/moderators`)
      .withCsrfToken()
      .form({ username: 'nobody_at_all' })
      .header('referer', `/rooms/${room.id}/moderation`)
      .loginAs(ana)
    assert.include(unknown.text(), 'No user has this username.')
    const muted = await client
      .post(`/rooms/${room.id}/mutes`)
      .withCsrfToken()
      .form({ username: ` @${bob.username}`, minutes: '10' })
      .loginAs(ana)
    muted.assertStatus(200)
    assert.include(muted.text(), `${bob.username} is muted here until`)
    const refused = await client
      .post(`/rooms/${room.id}/messages`)
      .withCsrfToken()
      .form({ text: 'hello?' })
      .header('referer', `/rooms/${room.id}`)
      .loginAs(bob)
    assert.include(refused.text(), 'You are muted in this room until')
  })
})

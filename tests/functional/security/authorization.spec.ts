import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type User from '#models/user'
import type Room from '#models/room'
import Message from '#models/message'
import { ChatTestClient, UpgradeRefused, closeAllClients } from '#tests/helpers/ws_client'
import { appOrigin, createRoom, createUser, join, ticketFor } from '#tests/helpers/chat_fixtures'
import { as, chatUrl } from '#tests/helpers/authorization'

/*
 * Who may do what, on every surface: a public room (open to everyone signed
 * in) and, further down, a private room (members only; everyone else gets
 * the 404 of a missing room).
 */

type Role = 'anonymous' | 'user' | 'owner'
type Actor = { role: Role; user: User | null }
type Action = 'read room' | 'post' | 'delete room' | 'subscribe' | 'search' | 'join' | 'leave'

const roles: Role[] = ['anonymous', 'user', 'owner']

/** Page requests and the [status, location] each role must get */
const pages: Record<
  Action,
  {
    send(client: ApiClient, room: Room, actor: Actor): ApiRequest
    expect: Record<Role, [number, string | null]>
  }
> = {
  'read room': {
    send: (client, room, actor) => as(client.get(`/rooms/${room.id}`), actor, 'web'),
    expect: { anonymous: [302, '/login'], user: [200, null], owner: [200, null] },
  },
  'post': {
    send: (client, room, actor) =>
      as(
        client.post(`/rooms/${room.id}/messages`).withCsrfToken().form({ text: 'hi' }),
        actor,
        'web'
      ),
    expect: { anonymous: [302, '/login'], user: [302, 'room'], owner: [302, 'room'] },
  },
  'delete room': {
    send: (client, room, actor) =>
      as(client.delete(`/rooms/${room.id}`).withCsrfToken(), actor, 'web'),
    expect: { anonymous: [302, '/login'], user: [403, null], owner: [302, '/rooms'] },
  },
  'subscribe': {
    send: (client, _room, actor) => as(client.get('/chat/ticket'), actor, 'web'),
    expect: { anonymous: [302, '/login'], user: [200, null], owner: [200, null] },
  },
  'search': {
    send: (client, _room, actor) => as(client.get('/rooms').qs({ q: 'room' }), actor, 'web'),
    expect: { anonymous: [302, '/login'], user: [200, null], owner: [200, null] },
  },
  'join': {
    send: (client, room, actor) =>
      as(client.post(`/rooms/${room.id}/membership`).withCsrfToken(), actor, 'web'),
    expect: { anonymous: [302, '/login'], user: [302, 'room'], owner: [302, 'room'] },
  },
  'leave': {
    send: (client, room, actor) =>
      as(client.delete(`/rooms/${room.id}/membership`).withCsrfToken(), actor, 'web'),
    expect: { anonymous: [302, '/login'], user: [302, 'room'], owner: [302, 'room'] },
  },
}

/** API requests and the status each role must get (scripts post over the API too) */
const api: Partial<
  Record<
    Action,
    { send(client: ApiClient, room: Room, actor: Actor): ApiRequest; expect: Record<Role, number> }
  >
> = {
  'read room': {
    send: (client, room, actor) => as(client.get(`/api/v1/rooms/${room.id}`), actor, 'api'),
    expect: { anonymous: 401, user: 200, owner: 200 },
  },
  'post': {
    send: (client, room, actor) =>
      as(client.post(`/api/v1/rooms/${room.id}/messages`).json({ text: 'hi' }), actor, 'api'),
    expect: { anonymous: 401, user: 201, owner: 201 },
  },
  'delete room': {
    send: (client, room, actor) => as(client.delete(`/api/v1/rooms/${room.id}`), actor, 'api'),
    expect: { anonymous: 401, user: 403, owner: 204 },
  },
  'subscribe': {
    send: (client, _room, actor) => as(client.post('/api/v1/chat/tickets'), actor, 'api'),
    expect: { anonymous: 401, user: 201, owner: 201 },
  },
  'search': {
    send: (client, _room, actor) => as(client.get('/api/v1/rooms').qs({ q: 'room' }), actor, 'api'),
    expect: { anonymous: 401, user: 200, owner: 200 },
  },
  'join': {
    send: (client, room, actor) =>
      as(client.put(`/api/v1/rooms/${room.id}/membership`), actor, 'api'),
    expect: { anonymous: 401, user: 201, owner: 201 },
  },
  'leave': {
    send: (client, room, actor) =>
      as(client.delete(`/api/v1/rooms/${room.id}/membership`), actor, 'api'),
    expect: { anonymous: 401, user: 204, owner: 204 },
  },
}

/**
 * A room owned by a new user, and the actor playing `role` towards it
 */
async function scene(role: Role) {
  const owner = await createUser()
  const room = await createRoom(owner)
  const user = role === 'anonymous' ? null : role === 'owner' ? owner : await createUser()
  return { room, actor: { role, user } }
}

test.group('Security: authorization matrix (anonymous, signed-in user, owner)', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  for (const [action, page] of Object.entries(pages)) {
    for (const role of roles) {
      const [status, location] = page.expect[role]
      test(`page: ${role} → ${action} → ${status}${location ? ` ${location}` : ''}`, async ({
        client,
        assert,
      }) => {
        const { room, actor } = await scene(role)
        const response = await page.send(client, room, actor).redirects(0)
        const expectedLocation = location === 'room' ? `/rooms/${room.id}` : location
        assert.deepEqual(
          [
            response.status(),
            status === 302 ? response.header('location')?.split(/[?#]/)[0] : null,
          ],
          [status, expectedLocation]
        )
        const posted = await Message.query().where('room_id', room.id)
        assert.lengthOf(posted, action === 'post' && role !== 'anonymous' ? 1 : 0)
      })
    }
  }

  for (const [action, endpoint] of Object.entries(api)) {
    for (const role of roles) {
      test(`api: ${role} → ${action} → ${endpoint.expect[role]}`, async ({ client, assert }) => {
        const { room, actor } = await scene(role)
        const response = await endpoint.send(client, room, actor)
        assert.equal(response.status(), endpoint.expect[role])
      })
    }
  }

  test('websocket: anonymous cannot open a socket (401)', async ({ assert }) => {
    const refused = await ChatTestClient.open(chatUrl, null, { origin: appOrigin }).catch(
      (error) => error
    )
    assert.instanceOf(refused, UpgradeRefused)
    assert.equal(refused.status, 401)
  })

  for (const role of ['user', 'owner'] as const) {
    test(`websocket: ${role} may read, subscribe, post and delete own messages; others' only as owner`, async ({
      assert,
    }) => {
      const { room, actor } = await scene(role)
      const socket = await ChatTestClient.open(chatUrl, ticketFor(actor.user!), {
        origin: appOrigin,
      })
      const other = await ChatTestClient.open(chatUrl, ticketFor(await createUser()), {
        origin: appOrigin,
      })
      socket.send({ type: 'history', room: room.id })
      const history = await socket.next({ type: 'history' })
      const joined = await join(socket, room)
      await join(other, room)
      socket.send({ type: 'send', room: room.id, client_id: 'c-1', text: 'hello' })
      const ack = await socket.next({ type: 'ack' })
      other.send({ type: 'send', room: room.id, client_id: 'o-1', text: 'theirs' })
      await other.next({ type: 'ack' })
      socket.send({ type: 'delete', room: room.id, client_id: 'c-2', target: 2 })
      const othersMessage = await socket.next(
        (frame) => frame.type === 'ack' || frame.type === 'error'
      )
      socket.send({ type: 'delete', room: room.id, client_id: 'c-3', target: 1 })
      const ownMessage = await socket.next({ type: 'ack' })
      socket.send({ type: 'delete_room', room: room.id })
      const roomDeletion = await socket.next({ type: 'error' })

      assert.deepEqual([history.room, joined.room, ack.seq], [room.id, room.id, 1])
      if (role === 'owner') {
        assert.deepEqual([othersMessage.type, othersMessage.seq], ['ack', 3])
        assert.equal(ownMessage.seq, 4)
      } else {
        assert.deepEqual([othersMessage.type, othersMessage.code], ['error', 'forbidden'])
        assert.equal(ownMessage.seq, 3)
      }
      assert.equal(roomDeletion.code, 'unknown_type')
      await room.refresh()
      assert.equal(room.lastSeq, role === 'owner' ? 4 : 3)
    })
  }
})

/*
 * The private room matrix: an owner, a member, someone signed in who is not
 * a member, and an anonymous visitor
 */

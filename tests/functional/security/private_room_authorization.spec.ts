import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { randomUUID } from 'node:crypto'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type User from '#models/user'
import type Room from '#models/room'
import Message from '#models/message'
import Attachment from '#models/attachment'
import { removeStoredAttachments } from '#tests/helpers/attachments'
import { ChatTestClient, closeAllClients } from '#tests/helpers/ws_client'
import { appOrigin, createUser, ticketFor } from '#tests/helpers/chat_fixtures'
import { createPrivateRoom, memberIdsOf } from '#tests/helpers/private_rooms'
import { CookieJar } from '#tests/helpers/cookie_jar'
import { UserFactory } from '#database/factories/user_factory'
import { as, chatUrl } from '#tests/helpers/authorization'

type PrivateRole = 'anonymous' | 'member' | 'non-member' | 'owner'
type PrivateAction =
  | 'read room'
  | 'members page'
  | 'post'
  | 'post a file'
  | 'invite'
  | 'delete room'
  | 'chat ticket'
  | 'join'
  | 'leave'
type PrivateScene = { room: Room; owner: User; actor: { role: PrivateRole; user: User | null } }

const privateRoles: PrivateRole[] = ['anonymous', 'member', 'non-member', 'owner']

/** Page requests on a private room and the [status, location] each role must get */
const privatePages: Record<
  PrivateAction,
  {
    send(client: ApiClient, scene: PrivateScene): ApiRequest
    expect: Record<PrivateRole, [number, string | null]>
  }
> = {
  'read room': {
    send: (client, { room, actor }) => as(client.get(`/rooms/${room.id}`), actor, 'web'),
    expect: {
      'anonymous': [302, '/login'],
      'member': [200, null],
      'non-member': [404, null],
      'owner': [200, null],
    },
  },
  'members page': {
    send: (client, { room, actor }) => as(client.get(`/rooms/${room.id}/members`), actor, 'web'),
    expect: {
      'anonymous': [302, '/login'],
      'member': [200, null],
      'non-member': [404, null],
      'owner': [200, null],
    },
  },
  'post': {
    send: (client, { room, actor }) =>
      as(
        client.post(`/rooms/${room.id}/messages`).withCsrfToken().form({ text: 'hi' }),
        actor,
        'web'
      ),
    expect: {
      'anonymous': [302, '/login'],
      'member': [302, 'room'],
      'non-member': [404, null],
      'owner': [302, 'room'],
    },
  },
  'post a file': {
    send: (client, { room, actor }) =>
      as(
        client
          .post(`/rooms/${room.id}/messages`)
          .withCsrfToken()
          .field('text', 'hi')
          .file('file', Buffer.from('notes'), { filename: 'notes.txt' }),
        actor,
        'web'
      ),
    expect: {
      'anonymous': [302, '/login'],
      'member': [302, 'room'],
      'non-member': [404, null],
      'owner': [302, 'room'],
    },
  },
  'invite': {
    send: (client, { room, actor }) =>
      as(
        client.post(`/rooms/${room.id}/members`).withCsrfToken().form({ username: 'newcomer' }),
        actor,
        'web'
      ),
    expect: {
      'anonymous': [302, '/login'],
      'member': [403, null],
      'non-member': [404, null],
      'owner': [302, 'members'],
    },
  },
  'delete room': {
    send: (client, { room, actor }) =>
      as(client.delete(`/rooms/${room.id}`).withCsrfToken(), actor, 'web'),
    expect: {
      'anonymous': [302, '/login'],
      'member': [403, null],
      'non-member': [404, null],
      'owner': [302, '/rooms'],
    },
  },
  'chat ticket': {
    send: (client, { actor }) => as(client.get('/chat/ticket'), actor, 'web'),
    expect: {
      'anonymous': [302, '/login'],
      'member': [200, null],
      'non-member': [200, null],
      'owner': [200, null],
    },
  },
  'join': {
    send: (client, { room, actor }) =>
      as(client.post(`/rooms/${room.id}/membership`).withCsrfToken(), actor, 'web'),
    expect: {
      'anonymous': [302, '/login'],
      'member': [302, 'room'],
      'non-member': [404, null],
      'owner': [302, 'room'],
    },
  },
  'leave': {
    send: (client, { room, actor }) =>
      as(client.delete(`/rooms/${room.id}/membership`).withCsrfToken(), actor, 'web'),
    expect: {
      'anonymous': [302, '/login'],
      'member': [302, '/rooms'],
      'non-member': [404, null],
      'owner': [403, null],
    },
  },
}

/**
 * API requests on a private room and the status each role must get. Chat
 * tickets name a user, not a room: a non-member gets one, and the socket
 * refuses the room (see the websocket tests below). Files are posted from
 * the page only.
 */
const privateApi: Record<
  Exclude<PrivateAction, 'post a file'>,
  { send(client: ApiClient, scene: PrivateScene): ApiRequest; expect: Record<PrivateRole, number> }
> = {
  'read room': {
    send: (client, { room, actor }) => as(client.get(`/api/v1/rooms/${room.id}`), actor, 'api'),
    expect: { 'anonymous': 401, 'member': 200, 'non-member': 404, 'owner': 200 },
  },
  'post': {
    send: (client, { room, actor }) =>
      as(client.post(`/api/v1/rooms/${room.id}/messages`).json({ text: 'hi' }), actor, 'api'),
    expect: { 'anonymous': 401, 'member': 201, 'non-member': 404, 'owner': 201 },
  },
  'members page': {
    send: (client, { room, actor }) =>
      as(client.get(`/api/v1/rooms/${room.id}/members`), actor, 'api'),
    expect: { 'anonymous': 401, 'member': 200, 'non-member': 404, 'owner': 200 },
  },
  'invite': {
    send: (client, { room, actor }) =>
      as(
        client.post(`/api/v1/rooms/${room.id}/members`).json({ username: 'newcomer' }),
        actor,
        'api'
      ),
    expect: { 'anonymous': 401, 'member': 403, 'non-member': 404, 'owner': 201 },
  },
  'delete room': {
    send: (client, { room, actor }) => as(client.delete(`/api/v1/rooms/${room.id}`), actor, 'api'),
    expect: { 'anonymous': 401, 'member': 403, 'non-member': 404, 'owner': 204 },
  },
  'chat ticket': {
    send: (client, { actor }) => as(client.post('/api/v1/chat/tickets'), actor, 'api'),
    expect: { 'anonymous': 401, 'member': 201, 'non-member': 201, 'owner': 201 },
  },
  'join': {
    send: (client, { room, actor }) =>
      as(client.put(`/api/v1/rooms/${room.id}/membership`), actor, 'api'),
    expect: { 'anonymous': 401, 'member': 200, 'non-member': 404, 'owner': 200 },
  },
  'leave': {
    send: (client, { room, actor }) =>
      as(client.delete(`/api/v1/rooms/${room.id}/membership`), actor, 'api'),
    expect: { 'anonymous': 401, 'member': 204, 'non-member': 404, 'owner': 403 },
  },
}

/**
 * A private room of a new owner with one member (and a user named
 * "newcomer" to invite), and the actor playing `role` towards it
 */
async function privateScene(role: PrivateRole): Promise<PrivateScene> {
  const owner = await createUser()
  const member = await createUser()
  await UserFactory.merge({ username: 'newcomer' }).create()
  const room = await createPrivateRoom(owner, [member])
  const user =
    role === 'anonymous'
      ? null
      : role === 'owner'
        ? owner
        : role === 'member'
          ? member
          : await createUser()
  return { room, owner, actor: { role, user } }
}

/**
 * An open Transmit event stream of a user signed in through the real login
 * form; returns its uid
 */
async function openEventStream(cleanup: (handler: () => Promise<void> | void) => void) {
  const user = await createUser()
  const jar = new CookieJar()
  const login = await jar.submit(`${appOrigin}/login`, `${appOrigin}/login`, {
    username: user.username,
    password: 'secret-password',
  })
  if (login.headers.get('location') !== '/rooms') throw new Error('login failed')
  const uid = randomUUID()
  const abort = new AbortController()
  const stream = await jar.fetch(`${appOrigin}/__transmit/events?uid=${uid}`, {
    headers: { accept: 'text/event-stream' },
    signal: abort.signal,
  })
  if (stream.status !== 200) throw new Error(`event stream refused: ${stream.status}`)
  cleanup(() => abort.abort())
  return uid
}

test.group('Security: authorization matrix of a private room', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())
  group.each.teardown(() => removeStoredAttachments())

  for (const [action, page] of Object.entries(privatePages)) {
    for (const role of privateRoles) {
      const [status, location] = page.expect[role]
      test(`page: ${role} → ${action} → ${status}${location ? ` ${location}` : ''}`, async ({
        client,
        assert,
      }) => {
        const setting = await privateScene(role)
        const { room } = setting
        const response = await page.send(client, setting).redirects(0)
        const expectedLocation =
          location === 'room'
            ? `/rooms/${room.id}`
            : location === 'members'
              ? `/rooms/${room.id}/members`
              : location
        assert.deepEqual(
          [
            response.status(),
            status === 302 ? response.header('location')?.split(/[?#]/)[0] : null,
          ],
          [status, expectedLocation]
        )
        const posted = await Message.query().where('room_id', room.id)
        const posts = action === 'post' || action === 'post a file'
        assert.lengthOf(posted, posts && status === 302 && role !== 'anonymous' ? 1 : 0)
        const files = await Attachment.query().where('room_id', room.id)
        assert.lengthOf(files, action === 'post a file' && posted.length === 1 ? 1 : 0)
        const invited = action === 'invite' && role === 'owner'
        const left = action === 'leave' && role === 'member'
        assert.lengthOf(
          await memberIdsOf(room.id),
          invited ? 3 : action === 'delete room' && role === 'owner' ? 0 : left ? 1 : 2
        )
      })
    }
  }

  for (const [action, endpoint] of Object.entries(privateApi)) {
    for (const role of privateRoles) {
      test(`api: ${role} → ${action} → ${endpoint.expect[role]}`, async ({ client, assert }) => {
        const setting = await privateScene(role)
        const response = await endpoint.send(client, setting)
        assert.equal(response.status(), endpoint.expect[role])
        if (response.status() === 404) {
          assert.deepEqual(response.body(), {
            errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Room not found' }],
          })
        }
      })
    }
  }

  for (const role of ['anonymous', 'member', 'non-member', 'owner'] as const) {
    const sees = role === 'member' || role === 'owner'
    test(`lists and search: ${role} ${sees ? 'finds' : 'never finds'} the room`, async ({
      client,
      assert,
    }) => {
      const { room, actor } = await privateScene(role)
      const page = await as(client.get('/rooms').qs({ q: room.name }), actor, 'web').redirects(0)
      const listed = await as(client.get('/api/v1/rooms').qs({ q: room.name }), actor, 'api')
      if (role === 'anonymous') {
        assert.deepEqual([page.status(), listed.status()], [302, 401])
        return
      }
      assert.equal(page.text().includes(`data-room-id="${room.id}"`), sees)
      assert.deepEqual(
        listed.body().data.map((found: { id: number }) => found.id),
        sees ? [room.id] : []
      )
    })
  }

  for (const role of ['member', 'non-member', 'owner'] as const) {
    const allowed = role !== 'non-member'
    test(`websocket: ${role} ${allowed ? 'may' : 'may not'} read, join and post`, async ({
      assert,
    }) => {
      const { room, actor } = await privateScene(role)
      const socket = await ChatTestClient.open(chatUrl, ticketFor(actor.user!), {
        origin: appOrigin,
      })
      socket.send({ type: 'history', room: room.id })
      socket.send({ type: 'join', room: room.id })
      socket.send({ type: 'send', room: room.id, client_id: 'c-1', text: 'hello' })
      if (allowed) {
        const history = await socket.next({ type: 'history' })
        const joined = await socket.next({ type: 'joined' })
        const ack = await socket.next({ type: 'ack' })
        assert.deepEqual([history.room, joined.room, ack.seq], [room.id, room.id, 1])
      } else {
        const refusals = await socket.take(3, { type: 'error' })
        assert.deepEqual(
          refusals.map((frame) => [frame.code, frame.ref]),
          [
            ['room_not_found', room.id],
            ['room_not_found', room.id],
            ['not_joined', 'c-1'],
          ]
        )
        await socket.roundTrip()
        assert.deepEqual(
          socket.received.map((frame) => frame.type),
          ['error', 'error', 'error', 'pong']
        )
      }
      await room.refresh()
      assert.equal(room.lastSeq, allowed ? 1 : 0)
    })
  }

  /*
   * Transmit: the lobby channels are for everyone signed in; `users/<id>` and
   * `users/<id>/activity` only for that user. Private rooms have no channel of
   * their own: their news goes to their members' `users/<id>`, their activity
   * to their members' `users/<id>/activity`.
   */
  const ownId = ({ actor, owner }: PrivateScene) => (actor.user ?? owner).id
  const channels: Array<{ name: string; channel(scene: PrivateScene): string }> = [
    { name: 'lobby', channel: () => 'lobby' },
    { name: 'lobby/activity', channel: () => 'lobby/activity' },
    { name: 'own users/<id>', channel: (scene) => `users/${ownId(scene)}` },
    { name: "the owner's users/<id>", channel: ({ owner }) => `users/${owner.id}` },
    { name: 'own users/<id>/activity', channel: (scene) => `users/${ownId(scene)}/activity` },
    {
      name: "the owner's users/<id>/activity",
      channel: ({ owner }) => `users/${owner.id}/activity`,
    },
  ]
  for (const { name, channel } of channels) {
    for (const role of privateRoles) {
      const allowed = role !== 'anonymous' && (!name.startsWith("the owner's") || role === 'owner')
      test(`transmit: ${role} → subscribe ${name} → ${allowed ? 204 : 'refused'}`, async ({
        client,
        assert,
        cleanup,
      }) => {
        const setting = await privateScene(role)
        const uid = await openEventStream(cleanup)
        const response = await as(
          client.post('/__transmit/subscribe').json({ uid, channel: channel(setting) }),
          setting.actor,
          'web'
        ).redirects(0)
        const expected = allowed ? 204 : role === 'anonymous' ? 302 : 400
        assert.equal(response.status(), expected)
      })
    }
  }
})

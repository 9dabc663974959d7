import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type User from '#models/user'
import type Room from '#models/room'
import Message from '#models/message'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createUser } from '#tests/helpers/chat_fixtures'
import { as } from '#tests/helpers/authorization'
import DirectMessageService from '#services/people/direct_message_service'

/*
 * A direct conversation follows the private rooms' one rule: its people see
 * it on every surface, everyone else gets the 404 of a room that does not
 * exist (the socket's refusals are in tests/functional/direct/direct_chat.spec.ts).
 */

type Role = 'anonymous' | 'person' | 'outsider'
type Scene = { room: Room; actor: { role: Role; user: User | null } }
type Request = { send(client: ApiClient, scene: Scene): ApiRequest; expect: Record<Role, number> }

const roles: Role[] = ['anonymous', 'person', 'outsider']

/** Page requests and the status each role must get (a guest's pages: 302 to /login) */
const pages: Record<string, Request> = {
  'read room': {
    send: (client, { room, actor }) => as(client.get(`/rooms/${room.id}`), actor, 'web'),
    expect: { anonymous: 302, person: 200, outsider: 404 },
  },
  'people page': {
    send: (client, { room, actor }) => as(client.get(`/rooms/${room.id}/members`), actor, 'web'),
    expect: { anonymous: 302, person: 200, outsider: 404 },
  },
  'message in context': {
    send: (client, { room, actor }) => as(client.get(`/rooms/${room.id}/messages/1`), actor, 'web'),
    expect: { anonymous: 302, person: 200, outsider: 404 },
  },
  'post': {
    send: (client, { room, actor }) =>
      as(
        client.post(`/rooms/${room.id}/messages`).withCsrfToken().form({ text: 'psst' }),
        actor,
        'web'
      ),
    expect: { anonymous: 302, person: 302, outsider: 404 },
  },
  'mark read': {
    send: (client, { room, actor }) =>
      as(
        client.post(`/rooms/${room.id}/read`).withCsrfToken().accept('json').json({ seq: 1 }),
        actor,
        'web'
      ),
    expect: { anonymous: 401, person: 200, outsider: 404 },
  },
  'delete room': {
    send: (client, { room, actor }) =>
      as(client.delete(`/rooms/${room.id}`).withCsrfToken(), actor, 'web'),
    expect: { anonymous: 302, person: 403, outsider: 404 },
  },
  'leave': {
    send: (client, { room, actor }) =>
      as(client.delete(`/rooms/${room.id}/membership`).withCsrfToken(), actor, 'web'),
    expect: { anonymous: 302, person: 403, outsider: 404 },
  },
  'favourite': {
    send: (client, { room, actor }) =>
      as(
        client.patch(`/rooms/${room.id}/membership`).withCsrfToken().form({ favourite: 'true' }),
        actor,
        'web'
      ),
    expect: { anonymous: 302, person: 302, outsider: 404 },
  },
}

/** API requests and the status each role must get */
const api: Record<string, Request> = {
  'read room': {
    send: (client, { room, actor }) => as(client.get(`/api/v1/rooms/${room.id}`), actor, 'api'),
    expect: { anonymous: 401, person: 200, outsider: 404 },
  },
  'read log': {
    send: (client, { room, actor }) =>
      as(client.get(`/api/v1/rooms/${room.id}/messages`).qs({ since: 0 }), actor, 'api'),
    expect: { anonymous: 401, person: 200, outsider: 404 },
  },
  'post': {
    send: (client, { room, actor }) =>
      as(client.post(`/api/v1/rooms/${room.id}/messages`).json({ text: 'psst' }), actor, 'api'),
    expect: { anonymous: 401, person: 201, outsider: 404 },
  },
  'edit': {
    send: (client, { room, actor }) =>
      as(client.patch(`/api/v1/rooms/${room.id}/messages/1`).json({ text: 'x' }), actor, 'api'),
    expect: { anonymous: 401, person: 403, outsider: 404 },
  },
  'people': {
    send: (client, { room, actor }) =>
      as(client.get(`/api/v1/rooms/${room.id}/members`), actor, 'api'),
    expect: { anonymous: 401, person: 200, outsider: 404 },
  },
  'mark read': {
    send: (client, { room, actor }) =>
      as(client.put(`/api/v1/rooms/${room.id}/read`).json({ seq: 1 }), actor, 'api'),
    expect: { anonymous: 401, person: 200, outsider: 404 },
  },
  'invite links': {
    send: (client, { room, actor }) =>
      as(client.get(`/api/v1/rooms/${room.id}/invites`), actor, 'api'),
    expect: { anonymous: 401, person: 403, outsider: 404 },
  },
  'leave': {
    send: (client, { room, actor }) =>
      as(client.delete(`/api/v1/rooms/${room.id}/membership`), actor, 'api'),
    expect: { anonymous: 401, person: 403, outsider: 404 },
  },
  'mute': {
    send: (client, { room, actor }) =>
      as(
        client.patch(`/api/v1/rooms/${room.id}/membership`).json({ notificationLevel: 'mentions' }),
        actor,
        'api'
      ),
    expect: { anonymous: 401, person: 200, outsider: 404 },
  },
}

/**
 * Ana's conversation with Bob holding one message of Ana's (seq 1), and the
 * actor: a guest, Bob, or someone else
 */
async function scene(role: Role): Promise<Scene> {
  const ana = await createUser()
  const bob = await createUser()
  const { room } = await new DirectMessageService().open(ana, [bob.username])
  await Message.create({
    roomId: room.id,
    userId: ana.id,
    seq: 1,
    body: 'a secret about kubernetes',
    bodyHtml: '<p>a secret about kubernetes</p>',
  })
  room.lastSeq = 1
  await room.save()
  const user = role === 'anonymous' ? null : role === 'person' ? bob : await createUser()
  return { room, actor: { role, user } }
}

test.group('Security: authorization matrix of a direct conversation', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  for (const [surface, requests] of [
    ['page', pages],
    ['api', api],
  ] as const) {
    for (const [action, request] of Object.entries(requests)) {
      for (const role of roles) {
        const status = request.expect[role]
        test(`${surface}: ${role} → ${action} → ${status}`, async ({ client, assert }) => {
          const setting = await scene(role)
          const response = await request.send(client, setting).redirects(0)
          assert.equal(response.status(), status)
          if (surface === 'api' && status === 404) {
            assert.deepEqual(response.body(), {
              errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Room not found' }],
            })
          }
          const posted = await Message.query().where('room_id', setting.room.id)
          assert.lengthOf(posted, action === 'post' && role === 'person' ? 2 : 1)
        })
      }
    }
  }

  for (const role of ['person', 'outsider'] as const) {
    const finds = role === 'person'
    test(`search: ${role} ${finds ? 'finds' : 'never finds'} its messages`, async ({
      client,
      assert,
    }) => {
      const { room, actor } = await scene(role)
      const page = await as(client.get('/search').qs({ q: 'kubernetes' }), actor, 'web')
      const found = await as(client.get('/api/v1/search').qs({ q: 'kubernetes' }), actor, 'api')
      assert.equal(page.text().includes(`/rooms/${room.id}/messages/1`), finds)
      assert.deepEqual(
        found.body().data.map((result: { room: { id: number } }) => result.room.id),
        finds ? [room.id] : []
      )
      const rooms = await as(client.get('/api/v1/rooms'), actor, 'api')
      assert.deepEqual(rooms.body().data, [])
    })
  }
})

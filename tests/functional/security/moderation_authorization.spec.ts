import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type User from '#models/user'
import type Room from '#models/room'
import Message from '#models/message'
import RoomModeratorsService from '#services/moderation/room_moderators_service'
import { truncateTables } from '#tests/helpers/database'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { as } from '#tests/helpers/authorization'

/*
 * Who moderates: a room's owner, the moderators they chose and the instance
 * admin; a member does not, and a private room stays a 404 to outsiders
 * (the admin included: moderating never shows a room one may not see).
 */

type Role = 'anonymous' | 'member' | 'moderator' | 'owner' | 'admin' | 'outsider'
type Scene = { room: Room; author: User; victim: User; moderator: User; actor: User | null }
type Request = {
  send(client: ApiClient, scene: Scene): ApiRequest
  expect: Partial<Record<Role, number>>
}

const publicRoles: Role[] = ['anonymous', 'member', 'moderator', 'owner', 'admin']

/** Requests on a public room, as API calls (pages answer the same codes but 302 for guests) */
const requests: Record<string, Request> = {
  'delete another’s message': {
    send: (client, { room, actor }) =>
      as(client.delete(`/api/v1/rooms/${room.id}/messages/1`), { user: actor }, 'api'),
    expect: { anonymous: 401, member: 403, moderator: 200, owner: 200, admin: 200 },
  },
  'list moderators': {
    send: (client, { room, actor }) =>
      as(client.get(`/api/v1/rooms/${room.id}/moderators`), { user: actor }, 'api'),
    expect: { anonymous: 401, member: 403, moderator: 200, owner: 200, admin: 200 },
  },
  'appoint a moderator': {
    send: (client, { room, victim, actor }) =>
      as(
        client.post(`/api/v1/rooms/${room.id}/moderators`).json({ username: victim.username }),
        { user: actor },
        'api'
      ),
    expect: { anonymous: 401, member: 403, moderator: 403, owner: 201, admin: 403 },
  },
  'dismiss a moderator': {
    send: (client, { room, moderator, actor }) =>
      as(
        client.delete(`/api/v1/rooms/${room.id}/moderators/${moderator.id}`),
        { user: actor },
        'api'
      ),
    expect: { anonymous: 401, member: 403, moderator: 403, owner: 204, admin: 403 },
  },
  'mute someone': {
    send: (client, { room, victim, actor }) =>
      as(
        client
          .post(`/api/v1/rooms/${room.id}/mutes`)
          .json({ username: victim.username, minutes: 10 }),
        { user: actor },
        'api'
      ),
    expect: { anonymous: 401, member: 403, moderator: 201, owner: 201, admin: 201 },
  },
  'moderation page': {
    send: (client, { room, actor }) =>
      as(client.get(`/rooms/${room.id}/moderation`), { user: actor }, 'web'),
    expect: { anonymous: 302, member: 403, moderator: 200, owner: 200, admin: 200 },
  },
  'admin page': {
    send: (client, { actor }) => as(client.get('/admin'), { user: actor }, 'web'),
    expect: { anonymous: 302, member: 403, moderator: 403, owner: 403, admin: 200 },
  },
  'deactivate an account': {
    send: (client, { victim, actor }) =>
      as(client.post(`/api/v1/admin/users/${victim.id}/deactivation`), { user: actor }, 'api'),
    expect: { anonymous: 401, member: 403, moderator: 403, owner: 403, admin: 204 },
  },
}

/**
 * A room of its owner's (private when `isPrivate`, with the member, the
 * victim and the moderator in it) holding the author's message (seq 1), and
 * the actor of `role`
 */
async function scene(role: Role, isPrivate = false): Promise<Scene> {
  const owner = await createUser()
  const author = await createUser()
  const victim = await createUser()
  const moderator = await createUser()
  const member = await createUser()
  const room = await createRoom(owner)
  if (isPrivate) {
    room.visibility = 'private'
    await room.save()
    await room.related('members').attach([owner.id, author.id, victim.id, moderator.id, member.id])
  }
  await new RoomModeratorsService().appoint(room, moderator.username)
  await Message.create({
    roomId: room.id,
    userId: author.id,
    seq: 1,
    body: 'x',
    bodyHtml: '<p>x</p>',
  })
  room.lastSeq = 1
  await room.save()
  const others: Record<Role, () => Promise<User | null>> = {
    anonymous: async () => null,
    member: async () => member,
    moderator: async () => moderator,
    owner: async () => owner,
    admin: async () => {
      const admin = await createUser()
      admin.isAdmin = true
      return admin.save()
    },
    outsider: () => createUser(),
  }
  return { room, author, victim, moderator, actor: await others[role]() }
}

test.group('Security: authorization matrix of moderation', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  for (const [action, request] of Object.entries(requests)) {
    for (const role of publicRoles) {
      const status = request.expect[role]!
      test(`public room: ${role} → ${action} → ${status}`, async ({ client, assert }) => {
        const response = await request.send(client, await scene(role)).redirects(0)
        assert.equal(response.status(), status)
      })
    }
  }

  for (const role of ['admin', 'outsider'] as const) {
    test(`private room: ${role} who is not a member → moderation → 404`, async ({
      client,
      assert,
    }) => {
      const setting = await scene(role, true)
      for (const action of ['delete another’s message', 'mute someone', 'moderation page']) {
        const response = await requests[action].send(client, setting).redirects(0)
        assert.equal(response.status(), 404, action)
      }
      const message = await Message.findByOrFail({ roomId: setting.room.id, seq: 1 })
      assert.isNull(message.deletedAt)
    })
  }
})

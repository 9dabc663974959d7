import { test } from '@japa/runner'
import type { ApiClient, ApiRequest } from '@japa/api-client'
import type User from '#models/user'
import Room from '#models/room'
import RoomModeratorsService from '#services/moderation/room_moderators_service'
import { truncateTables } from '#tests/helpers/database'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { as } from '#tests/helpers/authorization'

/*
 * Who changes a room's settings: its owner and the instance admin change
 * everything; its moderators the topic only; members and anyone else
 * nothing; a private room stays a 404 to outsiders (the admin included).
 */

type Role = 'anonymous' | 'member' | 'moderator' | 'owner' | 'admin' | 'outsider'
type Scene = { room: Room; heir: User; actor: User | null }
type Request = {
  send(client: ApiClient, scene: Scene): ApiRequest
  expect: Partial<Record<Role, number>>
}

const patch =
  (body: object) =>
  (client: ApiClient, { room, actor }: Scene) =>
    as(client.patch(`/api/v1/rooms/${room.id}`).json(body), { user: actor }, 'api')

const requests: Record<string, Request> = {
  'rename': {
    send: patch({ name: 'Renamed room' }),
    expect: { anonymous: 401, member: 403, moderator: 403, owner: 200, admin: 200 },
  },
  'change the topic': {
    send: patch({ description: 'A new topic' }),
    expect: { anonymous: 401, member: 403, moderator: 200, owner: 200, admin: 200 },
  },
  'make private': {
    send: patch({ visibility: 'private' }),
    expect: { anonymous: 401, member: 403, moderator: 403, owner: 200, admin: 200 },
  },
  'archive': {
    send: patch({ archived: true }),
    expect: { anonymous: 401, member: 403, moderator: 403, owner: 200, admin: 200 },
  },
  'hand over': {
    send: (client, { room, heir, actor }) =>
      as(
        client.put(`/api/v1/rooms/${room.id}/owner`).json({ username: heir.username }),
        { user: actor },
        'api'
      ),
    expect: { anonymous: 401, member: 403, moderator: 403, owner: 200, admin: 200 },
  },
  'settings page': {
    send: (client, { room, actor }) =>
      as(client.get(`/rooms/${room.id}/settings`), { user: actor }, 'web'),
    expect: { anonymous: 302, member: 403, moderator: 200, owner: 200, admin: 200 },
  },
}

/**
 * A room of its owner's (private when `isPrivate`) with a member, a
 * moderator and the heir (a member) in it, and the actor of `role`
 */
async function scene(role: Role, isPrivate = false): Promise<Scene> {
  const owner = await createUser()
  const moderator = await createUser()
  const member = await createUser()
  const heir = await createUser()
  const room = await createRoom(owner)
  if (isPrivate) {
    room.visibility = 'private'
    await room.save()
  }
  await room.related('members').attach([owner.id, moderator.id, member.id, heir.id])
  await new RoomModeratorsService().appoint(room, moderator.username)
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
  return { room, heir, actor: await others[role]() }
}

test.group('Security: authorization matrix of room settings', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  for (const [action, request] of Object.entries(requests)) {
    for (const role of ['anonymous', 'member', 'moderator', 'owner', 'admin'] as const) {
      const status = request.expect[role]!
      test(`public room: ${role} → ${action} → ${status}`, async ({ client, assert }) => {
        const { room, ...rest } = await scene(role)
        const before = await Room.findOrFail(room.id)
        const response = await request.send(client, { room, ...rest }).redirects(0)
        assert.equal(response.status(), status)
        const after = await Room.findOrFail(room.id)
        if (status >= 300 && status !== 302) {
          assert.deepEqual(
            [after.name, after.description, after.visibility, after.ownerId, after.lastSeq],
            [before.name, before.description, before.visibility, before.ownerId, before.lastSeq],
            'a refusal changes nothing'
          )
        }
      })
    }
  }

  for (const role of ['outsider', 'admin'] as const) {
    for (const [action, request] of Object.entries(requests)) {
      test(`private room: ${role} (not a member) → ${action} → 404`, async ({ client, assert }) => {
        const response = await request.send(client, await scene(role, true)).redirects(0)
        assert.equal(response.status(), 404)
      })
    }
  }

  test('a direct conversation has no settings: 403 for its people', async ({ client, assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const direct = await Room.create({
      name: 'direct',
      ownerId: ana.id,
      lastSeq: 0,
      visibility: 'private',
      kind: 'direct',
      directKey: `${ana.id},${bob.id}`,
    })
    await direct.related('members').attach([ana.id, bob.id])
    const response = await client
      .patch(`/api/v1/rooms/${direct.id}`)
      .json({ name: 'ours' })
      .withGuard('api')
      .loginAs(ana)
    assert.equal(response.status(), 403)
    const conversation = await Room.findOrFail(direct.id)
    assert.equal(conversation.name, 'direct')
  })
})

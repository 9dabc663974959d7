import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import env from '#start/env'

const ROOM_NOT_FOUND = { errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Room not found' }] }

/**
 * Every API route that names a room, called for a room that does not exist
 */
function roomRoutes(client: ApiClient, user: User, id: number) {
  const as = <T extends { withGuard(guard: 'api'): { loginAs(user: User): T } }>(request: T) =>
    request.withGuard('api').loginAs(user)
  return {
    'GET rooms/:id': as(client.get(`/api/v1/rooms/${id}`)),
    'DELETE rooms/:id': as(client.delete(`/api/v1/rooms/${id}`)),
    'PUT rooms/:id/read': as(client.put(`/api/v1/rooms/${id}/read`)).json({ seq: 1 }),
    'GET rooms/:id/members': as(client.get(`/api/v1/rooms/${id}/members`)),
    'POST rooms/:id/members': as(client.post(`/api/v1/rooms/${id}/members`)).json({
      username: user.username,
    }),
    'DELETE rooms/:id/members/:userId': as(client.delete(`/api/v1/rooms/${id}/members/${user.id}`)),
    'PATCH rooms/:id/messages/:seq': as(client.patch(`/api/v1/rooms/${id}/messages/1`)).json({
      text: 'edited',
    }),
    'DELETE rooms/:id/messages/:seq': as(client.delete(`/api/v1/rooms/${id}/messages/1`)),
    'GET search?room': as(client.get('/api/v1/search')).qs({ q: 'hello', room: id }),
  }
}

test.group('API error bodies', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every route that names a missing room answers 404 "Room not found"', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    for (const [route, request] of Object.entries(roomRoutes(client, user, 987_654))) {
      const response = await request
      assert.deepEqual([response.status(), response.body()], [404, ROOM_NOT_FOUND], route)
    }
  })

  test('removing someone who is not a member answers 404 "Member not found"', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const stranger = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id, visibility: 'private' }).create()
    await room.related('members').attach([owner.id])
    const response = await client
      .delete(`/api/v1/rooms/${room.id}/members/${stranger.id}`)
      .withGuard('api')
      .loginAs(owner)
    assert.deepEqual(
      [response.status(), response.body()],
      [404, { errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Member not found' }] }]
    )
  })

  test('a body that is not JSON gets 400 with a JSON error, on public and signed-in routes', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const token = await User.accessTokens.create(user)
    const bearer = { authorization: `Bearer ${token.value!.release()}` }
    const invalid = {
      errors: [{ code: 'E_INVALID_JSON', message: 'The request body is not valid JSON' }],
    }
    const notObject = {
      errors: [{ code: 'E_INVALID_JSON', message: 'The request body must be a JSON object' }],
    }
    const cases = [
      ['/api/v1/auth/tokens', {}, '{"username": "ann",', invalid],
      ['/api/v1/rooms', bearer, '{name: x}', invalid],
      ['/api/v1/rooms', bearer, '"just a string"', notObject],
    ] as const
    for (const [path, headers, body, expected] of cases) {
      const response = await fetch(`${env.get('APP_URL')}${path}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'accept': 'application/json' },
        body,
      })
      assert.deepEqual([response.status, await response.json()], [400, expected], body)
    }
  })

  test('a body sent as anything but JSON or form fields gets 415, not "cannot be empty"', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const token = await User.accessTokens.create(user)
    const bearer = { authorization: `Bearer ${token.value!.release()}` }
    const unsupported = {
      errors: [
        {
          code: 'E_UNSUPPORTED_MEDIA_TYPE',
          message: 'Send the request body as JSON, with the header Content-Type: application/json',
        },
      ],
    }
    const post = (path: string, headers: Record<string, string>, body: string) =>
      fetch(`${env.get('APP_URL')}/api/v1${path}`, { method: 'POST', headers, body })
    const json = '{"text":"deploy done"}'
    const refused = [
      await post(`/rooms/${room.id}/messages`, { ...bearer, 'content-type': 'text/plain' }, json),
      // What `curl -d '{...}'` sends without -H 'Content-Type: application/json'
      await post(
        `/rooms/${room.id}/messages`,
        { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
        json
      ),
      await post('/auth/tokens', { 'content-type': 'application/xml' }, '<username>ann</username>'),
    ]
    for (const response of refused) {
      assert.deepEqual([response.status, await response.json()], [415, unsupported])
    }

    const sentAsJson = await post(
      '/rooms',
      { ...bearer, 'content-type': 'application/json; charset=utf-8' },
      '{"name":"Deploys"}'
    )
    const sentAsForm = await post(
      '/rooms',
      { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      'name=From+a+form'
    )
    // An empty body (fetch sends Content-Length: 0 for a POST without one) is no body at all
    const ticket = await fetch(`${env.get('APP_URL')}/api/v1/chat/tickets`, {
      method: 'POST',
      headers: { ...bearer, accept: 'application/json' },
    })
    const emptyPlain = await post('/chat/tickets', { ...bearer, 'content-type': 'text/plain' }, '')
    assert.deepEqual(
      [sentAsJson.status, sentAsForm.status, ticket.status, emptyPlain.status],
      [201, 201, 201, 201]
    )
    const names = [await sentAsJson.json(), await sentAsForm.json()].map((body) => body.data.name)
    assert.deepEqual(names, ['Deploys', 'From a form'])
  })
})

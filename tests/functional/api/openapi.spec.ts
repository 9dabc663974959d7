import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import type User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { truncateTables } from '#tests/helpers/database'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'

/**
 * "METHOD /path" of every /api/v1 route the router knows, in OpenAPI's
 * `{param}` form relative to /api/v1 (HEAD is implied by GET)
 */
function registeredOperations() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.pattern.startsWith('/api/v1/'))
    .flatMap((route) =>
      route.methods
        .filter((method) => method !== 'HEAD')
        .map(
          (method) =>
            `${method} ${route.pattern.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`
        )
    )
    .sort()
}

test.group('OpenAPI description of /api/v1', () => {
  test('GET /api/v1/openapi.json is public and describes exactly the routes the router has', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')

    response.assertStatus(200)
    const document = response.body()
    assert.equal(document.openapi, '3.1.0')
    assert.deepEqual(document.servers, [{ url: '/api/v1' }])
    const described = Object.entries(document.paths as Record<string, object>)
      .flatMap(([path, operations]) =>
        Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`)
      )
      .sort()
    assert.deepEqual(described, registeredOperations())
    assert.includeMembers(registeredOperations(), [
      'GET /rooms/{id}/messages',
      'POST /rooms/{id}/messages',
      'GET /openapi.json',
    ])
  })

  test('every $ref resolves and every path parameter is declared', async ({ client, assert }) => {
    const response = await client.get('/api/v1/openapi.json')
    const document = response.body()
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)]
    assert.isAbove(refs.length, 5)
    for (const [, name] of refs) assert.property(document.components.schemas, name)
    for (const [path, operations] of Object.entries<Record<string, any>>(document.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1])
      for (const operation of Object.values(operations)) {
        const declared = (operation.parameters ?? [])
          .filter((parameter: any) => parameter.in === 'path')
          .map((parameter: any) => parameter.name)
        assert.deepEqual(declared, names, path)
      }
    }
  })

  test('every operation with a request body documents the 415 for a body that is not JSON', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/api/v1/openapi.json')
    const operations = Object.values<Record<string, any>>(response.body().paths).flatMap(
      (byMethod) => Object.values(byMethod)
    )
    const withBody = operations.filter((operation) => operation.requestBody)
    assert.isAbove(withBody.length, 10)
    for (const operation of operations) {
      assert.equal('415' in operation.responses, 'requestBody' in operation, operation.operationId)
    }
  })

  test('GET /api/docs lists every operation, in English and Vietnamese', async ({
    client,
    assert,
  }) => {
    const english = await client.get('/api/docs')
    english.assertStatus(200)
    const page = english.text()
    assert.include(page, '<h1>JSON API</h1>')
    for (const operation of registeredOperations()) {
      const [method, path] = operation.split(' ')
      assert.include(page, `<code>${method} /api/v1${path}</code>`)
    }
    assert.include(page, 'E_IDEMPOTENCY_KEY_REUSED')

    const vietnamese = await client.get('/api/docs').withCookie('locale', 'vi')
    vietnamese.assertStatus(200)
    assert.include(vietnamese.text(), '<h1>API JSON</h1>')
  })
})

test.group('OpenAPI description of /api/v1: refusals', (group) => {
  group.each.setup(() => truncateTables())

  test('muted and archived-room refusals are documented under the status they answer', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const room = await createRoomWithMessages(owner, 2, { authors: [owner, member] })
    await room.related('members').attach([owner.id, member.id])
    const as = <T extends { withGuard(guard: 'api'): { loginAs(user: User): T } }>(
      user: User,
      request: T
    ) => request.withGuard('api').loginAs(user)
    const rooms = `/api/v1/rooms/${room.id}`
    const pinned = await as(owner, client.post(`${rooms}/pins`)).json({ seq: 1 })
    pinned.assertStatus(201)
    const hook = await as(owner, client.post(`${rooms}/webhooks`)).json({
      direction: 'incoming',
      name: 'CI',
    })
    const hookPath = new URL(hook.body().data.url).pathname

    const muted = await as(owner, client.post(`${rooms}/mutes`)).json({
      username: member.username,
      minutes: 10,
    })
    muted.assertStatus(201)
    const mutedAnswers = {
      'post /rooms/{id}/messages': await as(member, client.post(`${rooms}/messages`)).json({
        text: 'hello',
      }),
      'patch /rooms/{id}/messages/{seq}': await as(
        member,
        client.patch(`${rooms}/messages/2`)
      ).json({ text: 'edited' }),
    }
    await as(owner, client.delete(`${rooms}/mutes/${member.id}`))

    const archived = await as(owner, client.patch(rooms)).json({ archived: true })
    archived.assertStatus(200)
    const archivedAnswers = {
      'post /rooms/{id}/messages': await as(owner, client.post(`${rooms}/messages`)).json({
        text: 'hello',
      }),
      'patch /rooms/{id}/messages/{seq}': await as(owner, client.patch(`${rooms}/messages/1`)).json(
        { text: 'edited' }
      ),
      'post /rooms/{id}/messages/{seq}/reactions': await as(
        owner,
        client.post(`${rooms}/messages/1/reactions`)
      ).json({ emoji: '👍' }),
      'delete /rooms/{id}/messages/{seq}/reactions': await as(
        owner,
        client.delete(`${rooms}/messages/1/reactions`)
      ).json({ emoji: '👍' }),
      'post /rooms/{id}/pins': await as(owner, client.post(`${rooms}/pins`)).json({ seq: 2 }),
      'delete /rooms/{id}/pins/{seq}': await as(owner, client.delete(`${rooms}/pins/1`)),
      'post /hooks/{token}': await client.post(hookPath).json({ text: 'deployed' }),
    }

    const described = await client.get('/api/v1/openapi.json')
    const document = described.body()
    const answers = [
      ...Object.entries(mutedAnswers).map(([operation, response]) => ({
        operation,
        response,
        status: 403,
        code: 'E_MUTED',
      })),
      ...Object.entries(archivedAnswers).map(([operation, response]) => ({
        operation,
        response,
        status: 409,
        code: 'E_ROOM_ARCHIVED',
      })),
    ]
    for (const { operation, response, status, code } of answers) {
      assert.deepEqual(
        [response.status(), response.body().errors[0].code],
        [status, code],
        operation
      )
      const [method, path] = operation.split(' ')
      const documented = document.paths[path][method].responses[status]?.description ?? ''
      assert.include(documented, code, operation)
    }
  })
})

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import env from '#start/env'
import User from '#models/user'
import { ChatTestClient, closeAllClients } from '#tests/helpers/ws_client'
import { appOrigin, createRoom, createUser, join } from '#tests/helpers/chat_fixtures'

test.group('Chat tickets', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('GET /chat/ticket gives the signed-in user a ticket for this server', async ({
    client,
    route,
    assert,
  }) => {
    const user = await createUser()
    const room = await createRoom(user)

    const response = await client.get(route('chat_tickets.show')).loginAs(user)

    response.assertStatus(200)
    assert.equal(response.header('cache-control'), 'no-store')
    const body = response.body()
    assert.equal(body.url, `ws://${env.get('HOST')}:${env.get('PORT')}/ws`)
    assert.equal(body.expiresIn, 60)
    const socket = await ChatTestClient.open(body.url, body.ticket, { origin: appOrigin })
    const joined = await join(socket, room)
    assert.deepEqual(joined.online, [{ id: user.id, username: user.username }])
  })

  test('GET /chat/ticket derives wss:// behind a TLS proxy', async ({ client, route, assert }) => {
    const user = await createUser()
    const response = await client
      .get(route('chat_tickets.show'))
      .header('x-forwarded-proto', 'https')
      .header('x-forwarded-host', 'chat.example.com')
      .loginAs(user)
    response.assertStatus(200)
    assert.equal(response.body().url, 'wss://chat.example.com/ws')
  })

  test('GET /chat/ticket needs a session', async ({ client, route }) => {
    const response = await client
      .get(route('chat_tickets.show'))
      .header('accept', 'application/json')
    response.assertStatus(401)
  })

  test('POST /api/v1/chat/tickets gives a bearer-token client a ticket', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const room = await createRoom(user)
    const token = await User.accessTokens.create(user)

    const response = await client.post('/api/v1/chat/tickets').bearerToken(token.value!.release())

    response.assertStatus(201)
    const socket = await ChatTestClient.open(response.body().url, response.body().ticket)
    const joined = await join(socket, room)
    assert.equal(joined.last_seq, 0)
  })

  test('POST /api/v1/chat/tickets refuses a missing token', async ({ client }) => {
    const response = await client.post('/api/v1/chat/tickets')
    response.assertStatus(401)
  })
})

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { randomUUID } from 'node:crypto'
import { UserFactory } from '#database/factories/user_factory'
import { RedisServer } from '#tests/helpers/redis_server'
import { startAppProcess } from '#tests/helpers/app_process'
import { logIn } from '#tests/helpers/transmit_stream'

test.group('Transmit across web instances (Redis transport)', (group) => {
  group.each.setup(() => truncateTables())

  test('a room created on one instance reaches a lobby subscribed on another', async ({
    assert,
    cleanup,
  }) => {
    const redis = await RedisServer.start()
    cleanup(() => redis.stop())
    const first = await startAppProcess({ REDIS_URL: redis.url })
    cleanup(async () => {
      await first.stop()
    })
    const second = await startAppProcess({ REDIS_URL: redis.url })
    cleanup(async () => {
      await second.stop()
    })

    const user = await UserFactory.merge({ password: 'secret-password' }).create()
    const cookie = await logIn(first.url, user.username, 'secret-password')

    // An event stream and a lobby subscription on the first instance
    const uid = randomUUID()
    const abort = new AbortController()
    cleanup(() => abort.abort())
    const stream = await fetch(`${first.url}/__transmit/events?uid=${uid}`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: abort.signal,
    })
    assert.equal(stream.status, 200)
    const subscribed = await fetch(`${first.url}/__transmit/subscribe`, {
      method: 'POST',
      headers: { 'cookie': cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ uid, channel: 'lobby' }),
    })
    assert.equal(subscribed.status, 204)

    // A room created through the API of the second instance
    const tokenResponse = await fetch(`${second.url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: 'secret-password' }),
    })
    const { token } = (await tokenResponse.json()) as { token: string }
    const created = await fetch(`${second.url}/api/v1/rooms`, {
      method: 'POST',
      headers: { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Across instances' }),
    })
    assert.equal(created.status, 201)

    // …arrives on the first instance's stream
    const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader()
    let received = ''
    while (!received.includes('Across instances')) {
      const { value, done } = await reader.read()
      if (done) break
      received += value
    }
    assert.include(received, '"type":"room_created"')
    assert.include(received, '"name":"Across instances"')
  }).timeout(90_000)
})

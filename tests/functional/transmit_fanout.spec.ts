import { test } from '@japa/runner'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import { UserFactory } from '#database/factories/user_factory'
import { freePort, RedisServer } from '#tests/helpers/redis_server'

/**
 * Spawns a web instance (bin/server.ts) on the test database with REDIS_URL;
 * resolves with its origin once it is ready
 */
async function startWebInstance(redisUrl: string) {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
    cwd: app.makePath(),
    stdio: 'ignore',
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      APP_URL: origin,
      REDIS_URL: redisUrl,
      DB_HOST: env.get('DB_HOST'),
      DB_PORT: String(env.get('DB_PORT')),
      DB_USER: env.get('DB_USER'),
      DB_PASSWORD: env.get('DB_PASSWORD'),
      DB_DATABASE: env.get('DB_DATABASE'),
    },
  })
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const ready = await fetch(`${origin}/health/ready`).then(
      (response) => response.ok,
      () => false
    )
    if (ready) return { origin, child }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`web instance on ${port} did not start`)
}

/**
 * Stops a spawned instance
 */
async function stopInstance(child: ChildProcess) {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
}

/**
 * Logs in through the real form; returns the session cookies
 */
async function logIn(origin: string, username: string, password: string) {
  const form = await fetch(`${origin}/login`)
  let cookies = form.headers.getSetCookie().map((cookie) => cookie.split(';')[0])
  const csrf = /name='_csrf' value='([^']+)'/.exec(await form.text())![1]
  const login = await fetch(`${origin}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cookie': cookies.join('; ') },
    body: new URLSearchParams({ _csrf: csrf, username, password }),
  })
  cookies = login.headers.getSetCookie().map((cookie) => cookie.split(';')[0])
  if (login.status !== 302 || login.headers.get('location') !== '/rooms') {
    throw new Error(`login failed with ${login.status}`)
  }
  return cookies.join('; ')
}

test.group('Transmit across web instances (Redis transport)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a room created on one instance reaches a lobby subscribed on another', async ({
    assert,
    cleanup,
  }) => {
    const redis = await RedisServer.start()
    cleanup(() => redis.stop())
    const first = await startWebInstance(redis.url)
    cleanup(() => stopInstance(first.child))
    const second = await startWebInstance(redis.url)
    cleanup(() => stopInstance(second.child))

    const user = await UserFactory.merge({ password: 'secret-password' }).create()
    const cookie = await logIn(first.origin, user.username, 'secret-password')

    // An event stream and a lobby subscription on the first instance
    const uid = randomUUID()
    const abort = new AbortController()
    cleanup(() => abort.abort())
    const stream = await fetch(`${first.origin}/__transmit/events?uid=${uid}`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: abort.signal,
    })
    assert.equal(stream.status, 200)
    const subscribed = await fetch(`${first.origin}/__transmit/subscribe`, {
      method: 'POST',
      headers: { 'cookie': cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ uid, channel: 'lobby' }),
    })
    assert.equal(subscribed.status, 204)

    // A room created through the API of the second instance
    const tokenResponse = await fetch(`${second.origin}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: 'secret-password' }),
    })
    const { token } = (await tokenResponse.json()) as { token: string }
    const created = await fetch(`${second.origin}/api/v1/rooms`, {
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

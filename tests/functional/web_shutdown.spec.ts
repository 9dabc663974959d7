import { test } from '@japa/runner'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import { freePort } from '#tests/helpers/redis_server'
import { createRoom, createUser, join, ticketFor } from '#tests/helpers/chat_fixtures'
import { ChatTestClient } from '#tests/helpers/ws_client'

/**
 * Polls `url` until it answers 200
 */
async function waitUntilUp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms`)
}

test.group('Web server graceful shutdown', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('SIGTERM closes in-process chat sockets with 1001 and exits 0', async ({
    assert,
    cleanup,
  }) => {
    const port = await freePort()
    const origin = `http://127.0.0.1:${port}`
    const child = spawn(process.execPath, ['--import', '@poppinss/ts-exec', 'bin/server.ts'], {
      cwd: app.makePath(),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        APP_URL: origin,
        CHAT_MODE: 'inprocess',
        DB_HOST: env.get('DB_HOST'),
        DB_PORT: String(env.get('DB_PORT')),
        DB_USER: env.get('DB_USER'),
        DB_PASSWORD: env.get('DB_PASSWORD'),
        DB_DATABASE: env.get('DB_DATABASE'),
      },
    })
    cleanup(() => {
      if (child.exitCode === null) child.kill('SIGKILL')
    })
    await waitUntilUp(`${origin}/health/ready`, 30_000)

    const user = await createUser()
    const room = await createRoom(user)
    const client = await ChatTestClient.open(`ws://127.0.0.1:${port}/ws`, ticketFor(user), {
      origin,
    })
    await join(client, room)

    const exited = once(child, 'exit')
    child.kill('SIGTERM')
    const { code } = await client.closed
    const [exitCode] = await exited
    assert.equal(code, 1001)
    assert.equal(exitCode, 0)
  }).timeout(60_000)
})

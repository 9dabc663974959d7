import { spawn } from 'node:child_process'
import { test } from '@japa/runner'
import { stopChildProcess, waitUntilReady } from '#tests/helpers/child_process_waits'
import { RedisServer } from '#tests/helpers/redis_server'

test.group('Waiting for a child process a test started', () => {
  test('a missing program fails at once with the install hint instead of hanging', async ({
    assert,
  }) => {
    const child = spawn('roomchat-no-such-program', [], { stdio: ['ignore', 'pipe', 'pipe'] })
    await assert.rejects(
      () =>
        waitUntilReady(child, {
          name: 'roomchat-no-such-program',
          ready: () => true,
          timeoutMs: 60_000,
          installHint: 'apt-get install roomchat-no-such-program',
        }),
      'roomchat-no-such-program could not be started: spawn roomchat-no-such-program ENOENT (apt-get install roomchat-no-such-program)'
    )
  })

  test('RedisServer.start() fails at once when redis-server is not installed', async ({
    assert,
    cleanup,
  }) => {
    const path = process.env.PATH
    cleanup(() => {
      process.env.PATH = path
    })
    process.env.PATH = '/nonexistent'
    await assert.rejects(
      () => RedisServer.start(),
      'redis-server could not be started: spawn redis-server ENOENT (apt-get install redis-server)'
    )
  })

  test('a program that exits before it is ready fails with its exit code and output', async ({
    assert,
  }) => {
    const child = spawn(process.execPath, ['-e', 'console.log("starting"); process.exit(3)'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await assert.rejects(
      () => waitUntilReady(child, { name: 'the server', ready: () => false, timeoutMs: 60_000 }),
      'the server exited with code 3 before it was ready\nstarting\n'
    )
  })

  test('a program that never gets ready fails after the timeout and is killed', async ({
    assert,
  }) => {
    const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    await assert.rejects(
      () => waitUntilReady(child, { name: 'the server', ready: () => false, timeoutMs: 200 }),
      'the server was not ready within 200 ms\n'
    )
    const exit = await stopChildProcess(child)
    assert.deepEqual(exit, { code: null, signal: 'SIGKILL' })
  })
})

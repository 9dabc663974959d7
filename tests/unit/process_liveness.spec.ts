import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { test } from '@japa/runner'
import { isAlive } from '#database/embedded_postgres_cluster'

/**
 * Blocks the event loop until the child is a zombie: exited, not yet reaped
 * (Node reaps it only when the loop next handles SIGCHLD)
 */
function waitUntilZombie(pid: number) {
  for (;;) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    if (stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z') {
      return
    }
  }
}

test.group('Process liveness', () => {
  test('a running process is alive, and no longer once it exited', async ({ assert }) => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' })
    assert.isTrue(await isAlive(child.pid!))
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    assert.isFalse(await isAlive(child.pid!))
  })

  // Node reaps its own children while isAlive() reads /proc: the zombie it
  // had signalled vanished under it, which once read as "alive" and made a
  // start reuse a killed run's server
  test('a child that exited is never alive, even when reaped during the check', async ({
    assert,
  }) => {
    for (let round = 0; round < 20; round++) {
      const child = spawn('true', [], { stdio: 'ignore' })
      const exited = new Promise((resolve) => child.once('exit', resolve))
      waitUntilZombie(child.pid!)
      assert.isFalse(await isAlive(child.pid!), `round ${round}`)
      await exited
    }
  })

  test('pids that name no process are not alive', async ({ assert }) => {
    assert.isFalse(await isAlive(0))
    assert.isFalse(await isAlive(-1))
    assert.isFalse(await isAlive(Number.NaN))
  })
})

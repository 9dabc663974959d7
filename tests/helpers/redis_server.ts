import { spawn, type ChildProcess } from 'node:child_process'
import { freePort } from '#helpers/free_port'
import { stopChildProcess, waitUntilReady } from '#tests/helpers/child_process_waits'

/** redis-server is ready in milliseconds; this only bounds a broken start */
const READY_TIMEOUT_MS = 10_000

/**
 * A throwaway redis-server (Debian's) on a free loopback port, without
 * persistence. `stop()` kills it; `restart()` brings it back on the same port.
 */
export class RedisServer {
  #process: ChildProcess | null = null

  private constructor(readonly port: number) {}

  /**
   * Starts a server on a free port and waits until it accepts commands
   */
  static async start() {
    const server = new RedisServer(await freePort())
    await server.restart()
    return server
  }

  get url() {
    return `redis://127.0.0.1:${this.port}`
  }

  async restart() {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    )
    this.#process = child
    await waitUntilReady(child, {
      name: 'redis-server',
      ready: (output) => output.includes('Ready to accept connections'),
      timeoutMs: READY_TIMEOUT_MS,
      installHint: 'apt-get install redis-server',
    })
    // Later output is not read: keep the pipe drained
    child.stdout!.resume()
  }

  async stop() {
    const child = this.#process
    this.#process = null
    if (child) {
      await stopChildProcess(child, { signal: 'SIGKILL' })
    }
  }
}

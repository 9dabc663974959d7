import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { createServer } from 'node:net'

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
    let output = ''
    child.stdout!.setEncoding('utf8')
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${output}`)))
      child.stdout!.on('data', (chunk: string) => {
        output += chunk
        if (output.includes('Ready to accept connections')) resolve()
      })
    })
  }

  async stop() {
    const child = this.#process
    this.#process = null
    if (child && child.exitCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
  }
}

/**
 * Asks the OS for a free loopback port
 */
export function freePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

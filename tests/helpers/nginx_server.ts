import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import { freePort } from '#tests/helpers/redis_server'

const READY_TIMEOUT_MS = 10_000

/**
 * Debian's nginx running the project's own template (nginx/render.sh) on a
 * free loopback port, in front of the given web and chat upstreams
 */
export class NginxServer {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
    private readonly dir: string
  ) {}

  /**
   * Renders the config for `web` and `chat` (host:port lists) and starts nginx
   * on `port` (default: a free one)
   */
  static async start(upstreams: { web: string[]; chat: string[]; port?: number }) {
    const port = upstreams.port ?? (await freePort())
    const dir = await mkdtemp(join(tmpdir(), 'roomchat-nginx-'))
    const { stdout } = await promisify(execFile)('bash', [app.makePath('nginx/render.sh'), dir], {
      env: {
        ...process.env,
        NGINX_PORT: String(port),
        WEB_UPSTREAM: upstreams.web.join(' '),
        CHAT_UPSTREAM: upstreams.chat.join(' '),
      },
    })
    const child = spawn('nginx', ['-p', dir, '-c', stdout.trim(), '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let errors = ''
    child.stderr!.on('data', (chunk) => (errors += chunk))
    await waitForPort(port, () => errors)
    return new NginxServer(port, child, dir)
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`
  }

  /** nginx's access log, complete once stop() resolved */
  accessLog = ''

  async stop() {
    if (this.child.exitCode === null) {
      this.child.kill('SIGTERM')
      await once(this.child, 'exit')
    }
    this.accessLog = await readFile(join(this.dir, 'logs/access.log'), 'utf8').catch(() => '')
    await rm(this.dir, { recursive: true, force: true })
  }
}

/**
 * Resolves once something accepts TCP connections on `port`
 */
async function waitForPort(port: number, diagnostics: () => string) {
  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1')
      socket.once('connect', () => resolve(socket.end() && true))
      socket.once('error', () => resolve(false))
    })
    if (open) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`nginx did not listen on ${port}: ${diagnostics()}`)
}

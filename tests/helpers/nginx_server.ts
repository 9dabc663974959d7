import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import app from '@adonisjs/core/services/app'
import { freePort } from '#helpers/free_port'
import { stopChildProcess, waitUntilReady } from '#tests/helpers/child_process_waits'

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
      timeout: READY_TIMEOUT_MS,
    })
    const child = spawn(nginxProgram(), ['-p', dir, '-c', stdout.trim(), '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    await waitUntilReady(child, {
      name: 'nginx',
      probe: () => acceptsConnections(port),
      timeoutMs: READY_TIMEOUT_MS,
      installHint: 'apt-get install nginx',
    })
    child.stderr!.resume()
    return new NginxServer(port, child, dir)
  }

  get origin() {
    return `http://127.0.0.1:${this.port}`
  }

  /** nginx's access log, complete once stop() resolved */
  accessLog = ''

  async stop() {
    await stopChildProcess(this.child, { timeoutMs: READY_TIMEOUT_MS })
    this.accessLog = await readFile(join(this.dir, 'logs/access.log'), 'utf8').catch(() => '')
    await rm(this.dir, { recursive: true, force: true })
  }
}

/**
 * Debian installs nginx in /usr/sbin, which is not on a normal user's PATH
 */
function nginxProgram() {
  const onPath = (process.env.PATH ?? '').split(':').concat('/usr/sbin', '/sbin')
  return onPath.map((dir) => join(dir, 'nginx')).find((file) => existsSync(file)) ?? 'nginx'
}

/**
 * True when something accepts TCP connections on `port`
 */
function acceptsConnections(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    socket.once('connect', () => resolve(socket.end() && true))
    socket.once('error', () => resolve(false))
  })
}

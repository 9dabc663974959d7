import { createServer, connect, type Server, type Socket } from 'node:net'
import { once } from 'node:events'
import { isAbsolute, join } from 'node:path'

/**
 * A loopback TCP forwarder a test can cut and restore, to take a real
 * PostgreSQL away from one client without touching anyone else's connections.
 * A target host that is a folder is PostgreSQL's Unix socket there, as `pg`
 * reads such a host.
 */
export class TcpProxy {
  #server: Server | null = null
  #sockets = new Set<Socket>()
  port = 0

  /**
   * `replyDelayMs` holds back what the server sends by that long (a slow
   * link), in order
   */
  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
    private readonly options: { replyDelayMs?: number } = {}
  ) {}

  /**
   * Starts forwarding (again, on the same port after `cut`)
   */
  async open() {
    const server = createServer((client) => {
      const upstream = isAbsolute(this.targetHost)
        ? connect(join(this.targetHost, `.s.PGSQL.${this.targetPort}`))
        : connect(this.targetPort, this.targetHost)
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket)
        socket.on('close', () => this.#sockets.delete(socket))
        socket.on('error', () => {})
      }
      client.pipe(upstream)
      const delay = this.options.replyDelayMs ?? 0
      if (delay === 0) {
        upstream.pipe(client)
      } else {
        upstream.on('data', (chunk) => setTimeout(() => client.write(chunk), delay))
      }
    })
    server.listen(this.port, '127.0.0.1')
    await once(server, 'listening')
    const address = server.address()
    this.port = typeof address === 'object' && address ? address.port : 0
    this.#server = server
  }

  /**
   * Drops every forwarded connection and stops accepting new ones
   */
  async cut() {
    const server = this.#server
    this.#server = null
    this.#sockets.forEach((socket) => socket.destroy())
    if (server) {
      server.close()
      await once(server, 'close')
    }
  }
}

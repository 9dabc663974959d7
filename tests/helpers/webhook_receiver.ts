import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * One POST a receiver got
 */
export type ReceivedHook = { headers: IncomingHttpHeaders; body: string }

/**
 * An outgoing webhook's receiver on loopback: records each request and
 * answers with the next status of `statuses` (then 200)
 */
export class WebhookReceiver {
  readonly received: ReceivedHook[] = []
  statuses: number[] = []

  private constructor(private readonly server: Server) {}

  /**
   * Starts a receiver on 127.0.0.1 on a free port
   */
  static async start() {
    let receiver: WebhookReceiver
    const server = createServer((request, response) => {
      const chunks: Buffer[] = []
      request.on('data', (chunk: Buffer) => chunks.push(chunk))
      request.on('end', () => {
        receiver.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString() })
        response.statusCode = receiver.statuses.shift() ?? 200
        response.end()
      })
    })
    receiver = new WebhookReceiver(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    return receiver
  }

  /**
   * The URL to give the webhook
   */
  get url() {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`
  }

  /**
   * Stops listening
   */
  close() {
    this.server.closeAllConnections()
    return new Promise<void>((resolve) => this.server.close(() => resolve()))
  }
}

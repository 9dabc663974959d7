import { io, type Socket } from 'socket.io-client'
import { withTimeout } from '../lib/wait.js'
import type { DeliveryHandler, LoadClient } from './load_client.js'

const CONNECT_TIMEOUT_MS = 15_000
const ACK_TIMEOUT_MS = 60_000

/**
 * A client of the Socket.IO peer: the same join/send/message exchange as
 * roomchat's protocol, as Socket.IO events with acknowledgement callbacks.
 * WebSocket transport only (no long-polling), its own connection each.
 */
export class SocketIoClient implements LoadClient {
  onDelivery: DeliveryHandler | null = null
  #lost = false

  private constructor(private readonly socket: Socket) {
    socket.on('message', (message: { seq: number; client_id: string }) =>
      this.onDelivery?.(message.client_id, message.seq)
    )
    socket.on('disconnect', () => (this.#lost = true))
  }

  get lost() {
    return this.#lost
  }

  /**
   * Connects to the Socket.IO server at `url` as `user`
   */
  static connect(url: string, user: { id: number; username: string }) {
    const socket = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      query: { id: String(user.id), username: user.username },
    })
    const connected = new Promise<SocketIoClient>((resolve, reject) => {
      socket.once('connect', () => resolve(new SocketIoClient(socket)))
      socket.once('connect_error', reject)
    })
    return withTimeout(connected, CONNECT_TIMEOUT_MS, `connect ${url}`)
  }

  async join(room: number, since?: number) {
    await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck('join', { room, since })
  }

  async send(room: number, clientId: string, text: string) {
    const ack = await this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('send', { room, client_id: clientId, text })
    return ack.seq as number
  }

  close() {
    this.#lost = true
    this.socket.disconnect()
  }
}

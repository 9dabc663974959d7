import { WebSocket } from 'ws'
import { ChatClient, type Frame } from '#chat/client/chat_client'
import type { DeliveryHandler, LoadClient } from './load_client.js'

const CONNECT_TIMEOUT_MS = 15_000
const JOIN_TIMEOUT_MS = 60_000

/**
 * A load client speaking roomchat's JSON protocol (chat-service/PROTOCOL.md),
 * also spoken by the bare `ws` peer, through the shared chat client in its
 * lean mode: message frames are scanned, not parsed or kept
 */
export class ProtocolLoadClient implements LoadClient {
  onDelivery: DeliveryHandler | null = null
  #client: ChatClient | null = null

  private constructor() {}

  get lost() {
    return this.#client?.socket.readyState !== WebSocket.OPEN
  }

  /**
   * Opens a WebSocket to `url` (its query carries the ticket or the peer's user)
   */
  static async connect(url: string) {
    const loadClient = new ProtocolLoadClient()
    loadClient.#client = await ChatClient.open(url, null, {
      timeoutMs: CONNECT_TIMEOUT_MS,
      onMessage: (seq, clientId) => loadClient.onDelivery?.(clientId ?? '', seq),
    })
    return loadClient
  }

  /**
   * Joins `room`; with `since`, the replay comes in `replay` frames (batch:
   * true; the bare ws peer ignores it and replays one frame per message)
   */
  async join(room: number, since?: number) {
    const frame =
      since === undefined ? { type: 'join', room } : { type: 'join', room, since, batch: true }
    await this.#request(frame, 'joined', 'room', room, JOIN_TIMEOUT_MS)
  }

  async send(room: number, clientId: string, text: string) {
    const frame = { type: 'send', room, client_id: clientId, text }
    const ack = await this.#request(frame, 'ack', 'client_id', clientId, Infinity)
    return ack.seq as number
  }

  close() {
    this.#client?.terminate()
  }

  /**
   * Sends `frame` and resolves with the `answer` frame whose `field` is
   * `ref`, or rejects with the error frame of that ref or a closed socket
   */
  async #request(
    frame: Record<string, unknown>,
    answer: string,
    field: string,
    ref: unknown,
    timeoutMs: number
  ) {
    const client = this.#client!
    const reply = client.next(
      (candidate: Frame) =>
        (candidate.type === answer && candidate[field] === ref) ||
        (candidate.type === 'error' && candidate.ref === ref),
      timeoutMs
    )
    client.send(frame)
    const settled = await reply
    if (settled.type === 'error') {
      throw new Error(`${settled.code}: ${settled.message}`)
    }
    return settled
  }
}

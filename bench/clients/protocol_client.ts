import { WebSocket } from 'ws'
import { withTimeout } from '../lib/wait.js'
import type { DeliveryHandler, LoadClient } from './load_client.js'

const CONNECT_TIMEOUT_MS = 15_000
const JOIN_TIMEOUT_MS = 60_000
const MESSAGE_PREFIX = '{"type":"message"'
const SEQ_FIELD = '"seq":'
const CLIENT_ID_FIELD = '"client_id":"'

type Pending = { resolve: (seq: number) => void; reject: (error: Error) => void }

/**
 * A client of roomchat's JSON protocol (chat-service/PROTOCOL.md), also
 * spoken by the bare `ws` peer. Message frames are scanned for `seq` and
 * `client_id` instead of parsed whole, so the load generator stays cheap.
 */
export class ProtocolClient implements LoadClient {
  onDelivery: DeliveryHandler | null = null
  #lost = false
  #acks = new Map<string, Pending>()
  #joins = new Map<number, Pending>()

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => this.#receive(data.toString()))
    socket.on('close', () => this.#fail(new Error('socket closed')))
    socket.on('error', (error) => this.#fail(error))
  }

  get lost() {
    return this.#lost
  }

  /**
   * Opens a WebSocket to `url`; rejects with the HTTP status of a refused upgrade
   */
  static connect(url: string) {
    const socket = new WebSocket(url, { perMessageDeflate: false })
    const opened = new Promise<ProtocolClient>((resolve, reject) => {
      socket.once('open', () => resolve(new ProtocolClient(socket)))
      socket.once('unexpected-response', (_request, response) => {
        reject(new Error(`upgrade refused: HTTP ${response.statusCode}`))
        socket.terminate()
      })
      socket.once('error', reject)
    })
    return withTimeout(opened, CONNECT_TIMEOUT_MS, `connect ${url}`)
  }

  join(room: number, since?: number) {
    const joined = new Promise<number>((resolve, reject) =>
      this.#joins.set(room, { resolve, reject })
    )
    this.socket.send(JSON.stringify({ type: 'join', room, since }))
    return withTimeout(joined, JOIN_TIMEOUT_MS, `join room ${room}`).then(() => undefined)
  }

  send(room: number, clientId: string, text: string) {
    if (this.#lost) {
      return Promise.reject(new Error('socket closed'))
    }
    const acked = new Promise<number>((resolve, reject) =>
      this.#acks.set(clientId, { resolve, reject })
    )
    this.socket.send(JSON.stringify({ type: 'send', room, client_id: clientId, text }))
    return acked
  }

  close() {
    this.#lost = true
    this.socket.terminate()
  }

  #receive(raw: string) {
    if (raw.startsWith(MESSAGE_PREFIX)) {
      return this.#delivered(raw)
    }
    const frame = JSON.parse(raw)
    if (frame.type === 'ack') {
      this.#settle(this.#acks, frame.client_id, frame.seq)
    } else if (frame.type === 'joined') {
      this.#settle(this.#joins, frame.room, frame.last_seq)
    } else if (frame.type === 'error') {
      const pending = this.#acks.get(frame.ref) ?? this.#joins.get(frame.ref)
      this.#acks.delete(frame.ref)
      this.#joins.delete(frame.ref)
      pending?.reject(new Error(`${frame.code}: ${frame.message}`))
    }
  }

  #delivered(raw: string) {
    if (!this.onDelivery) {
      return
    }
    const seqAt = raw.indexOf(SEQ_FIELD) + SEQ_FIELD.length
    const seq = Number.parseInt(raw.slice(seqAt, raw.indexOf(',', seqAt)), 10)
    const idAt = raw.indexOf(CLIENT_ID_FIELD)
    const clientId =
      idAt < 0
        ? ''
        : raw.slice(idAt + CLIENT_ID_FIELD.length, raw.indexOf('"', idAt + CLIENT_ID_FIELD.length))
    this.onDelivery(clientId, seq)
  }

  #settle<K>(pending: Map<K, Pending>, key: K, value: number) {
    pending.get(key)?.resolve(value)
    pending.delete(key)
  }

  #fail(error: Error) {
    this.#lost = true
    for (const pending of [...this.#acks.values(), ...this.#joins.values()]) {
      pending.reject(error)
    }
    this.#acks.clear()
    this.#joins.clear()
  }
}

import { WebSocket } from 'ws'

/**
 * A frame the chat server sent, parsed (see PROTOCOL.md)
 */
export type Frame = { type: string; [field: string]: any }

/**
 * Picks a frame: every listed field equal, or a predicate
 */
export type FrameMatcher = Record<string, unknown> | ((frame: Frame) => boolean)

/**
 * Receives a `message` frame's seq and client_id (null when it has none),
 * scanned from the text without parsing it
 */
export type MessageTap = (seq: number, clientId: string | null) => void

/** How long `next` waits for an expected frame by default */
const FRAME_TIMEOUT_MS = 8000
const MESSAGE_PREFIX = '{"type":"message"'
const REPLAY_PREFIX = '{"type":"replay"'
const SEQ_FIELD = '"seq":'
const CLIENT_ID_FIELD = '"client_id":"'

/**
 * The server refused the upgrade with this HTTP status
 */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`)
  }
}

/**
 * A client of the chat protocol (PROTOCOL.md) over a real `ws` socket:
 * keeps every frame it received and awaits the next one matching a
 * pattern. The tests, the delivery probe (chat:verify --probe) and the
 * bench speak the protocol through it. Opened with `onMessage` it is lean,
 * for load generation: message frames go to the tap unparsed, and other
 * frames are kept only when a `next` already awaits them.
 */
export class ChatClient {
  /** Every frame received, in order */
  readonly received: Frame[] = []
  /** Resolves with the close code and reason once the socket closed */
  readonly closed: Promise<{ code: number; reason: string }>
  #inbox: Frame[] = []
  #waiters: Array<{ match: (frame: Frame) => boolean; settle: (frame: Frame | null) => void }> = []

  private constructor(
    readonly socket: WebSocket,
    private readonly onMessage?: MessageTap
  ) {
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        this.#waiters.splice(0).forEach((waiter) => waiter.settle(null))
        resolve({ code, reason: reason.toString() })
      })
    })
    socket.on('message', (data) => this.#receiveText(data.toString()))
    socket.on('error', () => {})
  }

  /**
   * Opens `url?ticket=…`; rejects with UpgradeRefused when the upgrade is
   * refused, or the socket error when the server is unreachable;
   * `onMessage` makes the client lean (see the class)
   */
  static open(
    url: string,
    ticket: string | null,
    options: { headers?: Record<string, string>; timeoutMs?: number; onMessage?: MessageTap } = {}
  ) {
    const target = new URL(url)
    if (ticket !== null) {
      target.searchParams.set('ticket', ticket)
    }
    const socket = new WebSocket(target, {
      headers: options.headers,
      perMessageDeflate: false,
      handshakeTimeout: options.timeoutMs,
    })
    return new Promise<ChatClient>((resolve, reject) => {
      const client = new ChatClient(socket, options.onMessage)
      socket.once('open', () => resolve(client))
      socket.once('unexpected-response', (_request, response) => {
        reject(new UpgradeRefused(response.statusCode ?? 0))
        socket.terminate()
      })
      socket.once('error', reject)
    })
  }

  /**
   * Sends a frame as JSON text
   */
  send(frame: Record<string, unknown>) {
    this.socket.send(JSON.stringify(frame))
  }

  /**
   * Sends raw data as is (text unless a Buffer is passed with `binary`)
   */
  sendRaw(data: string | Buffer, binary = false) {
    this.socket.send(data, { binary })
  }

  /**
   * The oldest frame not yet taken that matches; waits for one if needed,
   * failing after `timeoutMs` (never when Infinity) or when the socket
   * closes first
   */
  next(matcher: FrameMatcher, timeoutMs = FRAME_TIMEOUT_MS) {
    const match = toPredicate(matcher)
    const index = this.#inbox.findIndex(match)
    if (index !== -1) {
      return Promise.resolve(this.#inbox.splice(index, 1)[0])
    }
    if (this.socket.readyState === WebSocket.CLOSED) {
      return Promise.reject(new Error(`socket closed before a frame matching ${describe(matcher)}`))
    }
    return new Promise<Frame>((resolve, reject) => {
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
            this.#waiters = this.#waiters.filter((waiter) => waiter.settle !== settle)
            reject(new Error(`no frame matching ${describe(matcher)} within ${timeoutMs} ms`))
          }, timeoutMs)
        : undefined
      const settle = (frame: Frame | null) => {
        clearTimeout(timer)
        if (frame) {
          return resolve(frame)
        }
        reject(new Error(`socket closed before a frame matching ${describe(matcher)}`))
      }
      this.#waiters.push({ match, settle })
    })
  }

  /**
   * Waits for `count` frames matching, in arrival order
   */
  async take(count: number, matcher: FrameMatcher) {
    const frames: Frame[] = []
    for (let index = 0; index < count; index++) {
      frames.push(await this.next(matcher))
    }
    return frames
  }

  /**
   * Round-trips a ping: every frame the server sent before its pong has arrived
   */
  async roundTrip() {
    this.send({ type: 'ping' })
    await this.next({ type: 'pong' })
  }

  /**
   * Frames received so far of one type
   */
  receivedOfType(type: string) {
    return this.received.filter((frame) => frame.type === type)
  }

  /**
   * Closes the socket and waits until it is closed
   */
  async close() {
    if (this.socket.readyState === WebSocket.CLOSED) {
      return
    }
    this.socket.close(1000)
    await this.closed
  }

  /**
   * Drops the connection at once
   */
  terminate() {
    this.socket.terminate()
  }

  #receiveText(text: string) {
    if (this.onMessage && text.startsWith(MESSAGE_PREFIX)) {
      return this.onMessage(...scanMessage(text, 0, text.length))
    }
    if (this.onMessage && text.startsWith(REPLAY_PREFIX)) {
      return scanReplay(text, this.onMessage)
    }
    this.#receive(JSON.parse(text))
  }

  #receive(frame: Frame) {
    if (!this.onMessage) {
      this.received.push(frame)
    }
    const waiter = this.#waiters.find((candidate) => candidate.match(frame))
    if (waiter) {
      this.#waiters = this.#waiters.filter((candidate) => candidate !== waiter)
      waiter.settle(frame)
    } else if (!this.onMessage) {
      this.#inbox.push(frame)
    }
  }
}

/**
 * The seq and client_id of the message frame at `start` of `text`, ending
 * before `end`, read by position (the server writes `seq` and `client_id`
 * as plain fields)
 */
function scanMessage(text: string, start: number, end: number): [number, string | null] {
  const seqAt = text.indexOf(SEQ_FIELD, start) + SEQ_FIELD.length
  const seq = Number.parseInt(text.slice(seqAt, text.indexOf(',', seqAt)), 10)
  const idAt = text.indexOf(CLIENT_ID_FIELD, seqAt)
  if (idAt < 0 || idAt >= end) {
    return [seq, null]
  }
  const idStart = idAt + CLIENT_ID_FIELD.length
  return [seq, text.slice(idStart, text.indexOf('"', idStart))]
}

/**
 * Taps every message frame of a `replay` frame's text, in order. A message
 * frame starts with MESSAGE_PREFIX, which no JSON string can hold (its
 * quotes would be escaped), so each occurrence starts the next entry.
 */
function scanReplay(text: string, tap: MessageTap) {
  let start = text.indexOf(MESSAGE_PREFIX)
  while (start >= 0) {
    const next = text.indexOf(MESSAGE_PREFIX, start + MESSAGE_PREFIX.length)
    tap(...scanMessage(text, start, next < 0 ? text.length : next))
    start = next
  }
}

function toPredicate(matcher: FrameMatcher) {
  if (typeof matcher === 'function') {
    return matcher
  }
  return (frame: Frame) => Object.entries(matcher).every(([key, value]) => frame[key] === value)
}

function describe(matcher: FrameMatcher) {
  return typeof matcher === 'function' ? 'predicate' : JSON.stringify(matcher)
}

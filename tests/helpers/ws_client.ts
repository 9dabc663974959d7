import { WebSocket } from 'ws'

/**
 * A frame the chat server sent, parsed
 */
export type Frame = { type: string; [field: string]: any }

/**
 * Picks a frame: every listed field equal, or a predicate
 */
export type FrameMatcher = Record<string, unknown> | ((frame: Frame) => boolean)

/** How long to wait for an expected frame before the test fails */
const FRAME_TIMEOUT_MS = 8000

const openClients = new Set<ChatTestClient>()

/**
 * A real `ws` client for tests: keeps every frame it received and lets the
 * test await the next one matching a pattern
 */
export class ChatTestClient {
  /** Every frame received, in order */
  readonly received: Frame[] = []
  /** Resolves with the close code and reason once the socket closed */
  readonly closed: Promise<{ code: number; reason: string }>
  #inbox: Frame[] = []
  #waiters: Array<{ match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = []

  private constructor(readonly socket: WebSocket) {
    openClients.add(this)
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        openClients.delete(this)
        resolve({ code, reason: reason.toString() })
      })
    })
    socket.on('message', (data) => this.#receive(JSON.parse(data.toString())))
    socket.on('error', () => {})
  }

  /**
   * Opens `url?ticket=…`; rejects with the HTTP status when the upgrade is refused
   */
  static open(url: string, ticket: string | null, headers: Record<string, string> = {}) {
    const target = new URL(url)
    if (ticket !== null) {
      target.searchParams.set('ticket', ticket)
    }
    const socket = new WebSocket(target, { headers, perMessageDeflate: false })
    return new Promise<ChatTestClient>((resolve, reject) => {
      const client = new ChatTestClient(socket)
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
   * The oldest frame not yet taken that matches; waits for one if needed
   */
  next(matcher: FrameMatcher, timeoutMs = FRAME_TIMEOUT_MS) {
    const match = toPredicate(matcher)
    const index = this.#inbox.findIndex(match)
    if (index !== -1) {
      return Promise.resolve(this.#inbox.splice(index, 1)[0])
    }
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((waiter) => waiter.resolve !== done)
        reject(new Error(`No frame matching ${describe(matcher)} within ${timeoutMs} ms`))
      }, timeoutMs)
      const done = (frame: Frame) => {
        clearTimeout(timer)
        resolve(frame)
      }
      this.#waiters.push({ match, resolve: done })
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

  #receive(frame: Frame) {
    this.received.push(frame)
    const waiter = this.#waiters.find((candidate) => candidate.match(frame))
    if (waiter) {
      this.#waiters = this.#waiters.filter((candidate) => candidate !== waiter)
      waiter.resolve(frame)
      return
    }
    this.#inbox.push(frame)
  }
}

/**
 * The server refused the upgrade with this HTTP status
 */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`Upgrade refused with HTTP ${status}`)
  }
}

/**
 * Closes every client still open (group teardown)
 */
export async function closeAllClients() {
  await Promise.all([...openClients].map((client) => client.close()))
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

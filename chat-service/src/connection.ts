import { randomUUID } from 'node:crypto'
import { WebSocket } from 'ws'
import type { ChatUser } from './ticket_verifier.js'
import type { WireFrame } from './server_frames.js'
import type { ChatMetrics } from './chat_metrics.js'

/**
 * Close codes the server sends itself (see PROTOCOL.md; `ws` sends 1009 for
 * frames over `maxPayload`)
 */
export const CloseCode = {
  goingAway: 1001,
  unsupportedData: 1003,
  policyViolation: 1008,
  tryAgainLater: 1013,
} as const

/**
 * One authenticated socket: its user, the rooms it joined and an ordered
 * queue so its frames are handled one after another
 */
export class Connection {
  /** Names this socket in every log line about it */
  readonly id = randomUUID()
  /** Rooms this socket has joined */
  readonly rooms = new Set<number>()
  /** False once a heartbeat ping went out without a pong yet */
  alive = true
  #queue: Promise<void> = Promise.resolve()

  constructor(
    readonly socket: WebSocket,
    readonly user: ChatUser,
    /** The sign-in (session or token) the ticket was minted for */
    readonly credential: string,
    private readonly maxBufferedBytes: number,
    private readonly metrics: ChatMetrics
  ) {}

  /**
   * Sends a live frame; a socket that lets more than `maxBufferedBytes` pile
   * up is a slow consumer and is closed with 1013 (it resumes by seq)
   */
  send(frame: WireFrame) {
    if (this.socket.readyState !== WebSocket.OPEN) {
      return
    }
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.socket.close(CloseCode.tryAgainLater, 'slow consumer')
      this.metrics.slowConsumerClosed()
      return
    }
    this.socket.send(frame, { binary: false })
  }

  /**
   * Sends a frame and resolves once it is handed to the kernel, so bulk
   * senders (replay) wait for the socket instead of buffering without bound
   */
  write(frame: WireFrame) {
    return new Promise<void>((resolve) => {
      if (this.socket.readyState !== WebSocket.OPEN) {
        return resolve()
      }
      this.socket.send(frame, { binary: false }, () => resolve())
    })
  }

  /**
   * Runs `task` after every task queued before it; a failure goes to
   * `onError` and does not stop the queue
   */
  enqueue(task: () => Promise<void>, onError: (error: unknown) => void) {
    this.#queue = this.#queue.then(task).catch(onError)
  }
}

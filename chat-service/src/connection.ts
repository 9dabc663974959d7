import type { Duplex } from 'node:stream'
import { WebSocket } from 'ws'
import type { ChatUser } from './ticket_verifier.js'
import { replayFrameText, type WireFrame } from './server_frames.js'
import { framedTexts, type BroadcastFrame } from './broadcast_frame.js'
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

let lastConnectionId = 0

/**
 * A frame's work in the connection's queue, with the refusals of the frames
 * that arrived after it (sent once it is done, so answers keep frame order)
 */
type Task = { run: () => Promise<void>; onError: (error: unknown) => void; then: WireFrame[] }

/**
 * One authenticated socket: its user, the rooms it joined and an ordered
 * queue so its frames are handled, and answered, one after another
 */
export class Connection {
  /**
   * Names this socket in every log line about it (a number unique in this
   * process: a UUID string costs ~450 bytes of heap per idle socket)
   */
  readonly id = ++lastConnectionId
  /** False once a heartbeat ping went out without a pong yet */
  alive = true
  /** The task running first, then those waiting, in arrival order (made on the first task) */
  #tasks: Task[] | null = null
  /** Bytes of the refusals waiting in `#tasks` */
  #waitingBytes = 0
  #rooms: Set<number> | null = null

  constructor(
    readonly socket: WebSocket,
    readonly user: ChatUser,
    /** The sign-in (session or token) the ticket was minted for */
    readonly credential: string,
    private readonly maxBufferedBytes: number,
    private readonly metrics: ChatMetrics,
    /**
     * The TCP socket under `socket`: written directly with broadcasts
     * framed once and with replayed batches (the server's `ws` has no
     * compression, so nothing of its own is ever queued before them)
     */
    private readonly transport?: Pick<Duplex, 'write'>
  ) {}

  /**
   * Rooms this socket has joined; the set is made on first use, so an idle
   * socket holds none
   */
  get rooms() {
    this.#rooms ??= new Set()
    return this.#rooms
  }

  /**
   * Sends a live frame; a socket that lets more than `maxBufferedBytes` pile
   * up is a slow consumer and is closed with 1013 (it resumes by seq)
   */
  send(frame: WireFrame) {
    if (this.#writable()) {
      this.socket.send(frame, { binary: false })
    }
  }

  /**
   * Sends a frame of a broadcast like `send`, as the bytes framed once for
   * every socket (one write, no framing of its own)
   */
  sendBroadcast(frame: BroadcastFrame) {
    if (!this.#writable()) {
      return
    }
    if (this.transport) {
      this.transport.write(frame.framed)
    } else {
      this.socket.send(frame.payload, { binary: false })
    }
  }

  /**
   * Whether a live frame may go out now; closes a slow consumer with 1013
   */
  #writable() {
    if (this.socket.readyState !== WebSocket.OPEN) {
      return false
    }
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.socket.close(CloseCode.tryAgainLater, 'slow consumer')
      this.metrics.slowConsumerClosed()
      return false
    }
    return true
  }

  /**
   * Sends replayed frames in order as they come: the frames pushed in one
   * tick (one batch from the store) leave framed together in one write;
   * `end` sends what is left and resolves once it is handed to the kernel,
   * so a replay waits for the socket between pages instead of buffering
   * without bound. With `batchRoom` (a join with `batch: true`) each such
   * batch leaves as one `replay` frame of that room.
   */
  replayWriter(batchRoom: number | null = null) {
    const { socket, transport } = this
    let batch: string[] = []
    let written: Promise<void> = Promise.resolve()
    const flush = () => {
      const entries = batch
      batch = []
      if (entries.length === 0 || socket.readyState !== WebSocket.OPEN) {
        return
      }
      const frames = batchRoom === null ? entries : [replayFrameText(batchRoom, entries)]
      written = new Promise<void>((resolve) => {
        if (transport) {
          transport.write(framedTexts(frames), () => resolve())
          return
        }
        const last = frames.pop()!
        frames.forEach((frame) => socket.send(frame, { binary: false }))
        socket.send(last, { binary: false }, () => resolve())
      })
    }
    return {
      push(frame: string) {
        if (batch.push(frame) === 1) {
          process.nextTick(flush)
        }
      },
      end() {
        flush()
        return written
      },
    }
  }

  /**
   * Runs `task` after every task queued before it; a failure goes to
   * `onError` and does not stop the queue
   */
  enqueue(task: () => Promise<void>, onError: (error: unknown) => void) {
    this.#tasks ??= []
    this.#tasks.push({ run: task, onError, then: [] })
    if (this.#tasks.length === 1) {
      void this.#drain(this.#tasks)
    }
  }

  /**
   * Sends the answer to a frame that needs no task (a refusal) after the
   * answers of every task queued before it: at once when none is queued,
   * else when the last one is done. Refusals held back count as unsent
   * bytes, so a flood of them behind a slow task closes the socket with 1013.
   */
  sendInOrder(frame: WireFrame) {
    const last = this.#tasks?.at(-1)
    if (!last) {
      return this.send(frame)
    }
    this.#waitingBytes += frame.length
    if (this.#waitingBytes + this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.#tasks!.forEach((task) => (task.then = []))
      this.#waitingBytes = 0
      this.socket.close(CloseCode.tryAgainLater, 'slow consumer')
      this.metrics.slowConsumerClosed()
      return
    }
    last.then.push(frame)
  }

  /**
   * Runs the queued tasks one after another; the first runs at once
   */
  async #drain(tasks: Task[]) {
    while (tasks.length > 0) {
      const task = tasks[0]
      try {
        await task.run()
      } catch (error) {
        task.onError(error)
      }
      tasks.shift()
      for (const frame of task.then) {
        this.#waitingBytes -= frame.length
        this.send(frame)
      }
    }
  }
}

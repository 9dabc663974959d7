import { WebSocket } from 'ws'
import { Connection } from '#chat/src/connection'
import { noopChatMetrics } from '#chat/src/chat_metrics'
import type { ChatUser } from '#chat/src/ticket_verifier'

/**
 * A frame as the client reads it
 */
export type ReceivedFrame = { type: string; [field: string]: any }

/**
 * The parts of a `ws` socket a Connection uses, recording what is sent
 */
class RecordingSocket {
  readyState: number = WebSocket.OPEN
  bufferedAmount = 0
  closedWith: number | null = null
  readonly frames: ReceivedFrame[] = []

  send(data: Buffer, _options: unknown, written?: () => void) {
    this.frames.push(JSON.parse(data.toString()))
    written?.()
  }

  close(code: number) {
    this.closedWith = code
    this.readyState = WebSocket.CLOSED
  }
}

/**
 * A chat connection of `user` whose frames land in `frames`, no network
 */
export function fakeConnection(user: ChatUser) {
  const socket = new RecordingSocket()
  const connection = new Connection(
    socket as unknown as WebSocket,
    user,
    `session:${user.id}`,
    1024 * 1024,
    noopChatMetrics
  )
  return { connection, frames: socket.frames, socket }
}

/**
 * The seqs of the message frames among `frames`, in arrival order
 */
export function messageSeqs(frames: ReceivedFrame[]) {
  return frames.filter((frame) => frame.type === 'message').map((frame) => frame.seq as number)
}

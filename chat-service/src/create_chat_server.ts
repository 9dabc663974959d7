import type { Server as HttpServer, IncomingMessage } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { Connection, CloseCode } from './connection.js'
import { ChatSession } from './chat_session.js'
import { checkUpgrade, normalizeOrigin, rejectUpgrade } from './upgrade_guard.js'
import type { ChatNode } from './chat_node.js'
import type { TicketVerifier } from './ticket_verifier.js'

/**
 * The chat server's node (store, bus, rule, limits) and who may connect
 */
export type ChatServerDeps = {
  node: ChatNode
  tickets: TicketVerifier
  /** Origins browsers may connect from, e.g. `https://chat.example.com` */
  allowedOrigins: string[]
}

/**
 * A running chat: attach it to HTTP servers, close it on shutdown
 */
export type ChatServer = {
  attach(httpServer: HttpServer | HttpsServer, options?: { path?: string }): void
  close(): Promise<void>
}

const CLOSE_GRACE_MS = 3000

/**
 * Builds the WebSocket chat (protocol in chat-service/PROTOCOL.md)
 */
export function createChatServer(deps: ChatServerDeps): ChatServer {
  const { node } = deps
  const { logger, limits, metrics } = node
  const allowedOrigins = new Set(deps.allowedOrigins.map(normalizeOrigin))
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: limits.maxPayload,
  })
  const connections = new Set<Connection>()
  const detachers: Array<() => void> = []
  let closing = false

  const heartbeat = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) {
        connection.socket.terminate()
        continue
      }
      connection.alive = false
      connection.socket.ping()
    }
  }, limits.heartbeatMs)
  heartbeat.unref()

  function accept(socket: WebSocket, connection: Connection) {
    const session = new ChatSession(connection, node)
    connections.add(connection)
    metrics.connectionOpened()
    socket.on('pong', () => (connection.alive = true))
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        socket.close(CloseCode.unsupportedData, 'binary frames are not supported')
        return
      }
      session.receive(data.toString())
    })
    const context = { connection: connection.id, user: connection.user.id }
    logger.debug(context, 'chat socket opened')
    socket.on('error', (error) => logger.debug({ ...context, err: error }, 'chat socket error'))
    socket.on('close', (code) => {
      connections.delete(connection)
      metrics.connectionClosed()
      session.end()
      logger.debug({ ...context, code }, 'chat socket closed')
    })
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL) {
    socket.on('error', (error) => logger.debug({ err: error }, 'chat upgrade socket error'))
    const decision = closing ? null : await checkUpgrade(request, url, deps.tickets, allowedOrigins)
    if (!decision || closing) {
      return rejectUpgrade(socket, 503)
    }
    if (!decision.ok) {
      return rejectUpgrade(socket, decision.status)
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      accept(ws, new Connection(ws, decision.user, limits.maxBufferedBytes, metrics))
    })
  }

  return {
    attach(httpServer, options = {}) {
      const path = options.path ?? '/ws'
      const listener = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
        const url = new URL(request.url ?? '/', 'http://localhost')
        if (url.pathname !== path) {
          if (httpServer.listenerCount('upgrade') === 1) {
            rejectUpgrade(socket, 404)
          }
          return
        }
        upgrade(request, socket, head, url).catch((error) => {
          logger.error({ err: error }, 'chat upgrade failed')
          rejectUpgrade(socket, 500)
        })
      }
      httpServer.on('upgrade', listener)
      detachers.push(() => httpServer.off('upgrade', listener))
    },

    async close() {
      closing = true
      clearInterval(heartbeat)
      detachers.splice(0).forEach((detach) => detach())
      await Promise.all([...connections].map((connection) => closeSocket(connection.socket)))
    },
  }
}

/**
 * Closes with 1001 and waits for the client's answer, terminating laggards
 */
function closeSocket(socket: WebSocket) {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS)
    socket.once('close', () => {
      clearTimeout(timer)
      resolve()
    })
    socket.close(CloseCode.goingAway, 'server going away')
  })
}

import type { Server as HttpServer, IncomingMessage } from 'node:http'
import type { Server as HttpsServer } from 'node:https'
import type { Duplex } from 'node:stream'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import { Connection, CloseCode } from './connection.js'
import { ChatSession } from './chat_session.js'
import { checkUpgrade, normalizeOrigin, rejectUpgrade } from './upgrade_guard.js'
import type { TicketVerifier } from './ticket_verifier.js'
import { SocketCapacity, type ChatCapacityState } from './socket_capacity.js'
import type { ChatNode } from './chat_node.js'

/**
 * The chat server's node (store, bus, rule, limits) and who may connect
 */
type ChatServerDeps = {
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
  /** Resolves once sign-outs published from now on reach this server */
  started: Promise<void>
  /** Sockets against the caps, for readiness probes */
  capacity(): ChatCapacityState
  close(): Promise<void>
}

const CLOSE_GRACE_MS = 3000

/**
 * How long a sign-out is remembered here, so a ticket redeemed just before
 * it was recorded cannot open a socket just after the event arrived
 */
const RECENT_SIGN_OUT_MS = 120_000

/**
 * Serves a chat node over WebSocket (protocol in chat-service/PROTOCOL.md);
 * closing it closes its sockets, not the node
 */
export function createChatServer(deps: ChatServerDeps): ChatServer {
  const { node } = deps
  const { logger, clock, limits, metrics } = node
  const allowedOrigins = new Set(deps.allowedOrigins.map(normalizeOrigin))
  /**
   * This server's sockets: `ws` emits their events, and they go straight to
   * the handlers below instead of through listeners stored on each socket
   * (an idle socket then holds no listener entries); listeners added anyway
   * (a shutdown's `close`) still run
   */
  class ChatSocket extends WebSocket {
    emit(event: string | symbol, ...args: any[]) {
      switch (event) {
        case 'message':
          onMessage(this, args[0], args[1])
          break
        case 'pong':
          onPong(this)
          break
        case 'close':
          onClose(this, args[0])
          break
        case 'error':
          onError(this, args[0])
          return this.listenerCount('error') > 0 && super.emit(event, ...args)
      }
      return super.emit(event, ...args)
    }
  }
  const wss = new WebSocketServer<typeof ChatSocket>({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: limits.maxPayload,
    WebSocket: ChatSocket,
  })
  /** The open sockets' sessions; the listeners below find theirs here */
  const sessions = new Map<WebSocket, ChatSession>()
  const capacity = new SocketCapacity(limits.maxSockets, limits.maxSocketsPerUser)
  const recentSignOuts = new Map<string, number>()
  const detachers: Array<() => void> = []
  let closing = false

  const started = node.followSignOuts(signOut)

  /**
   * Closes the sockets of an ended sign-in with 1008; they send nothing more
   */
  function signOut(user: number, credential: string) {
    recentSignOuts.set(credential, clock.now() + RECENT_SIGN_OUT_MS)
    // Sign-outs are rare: a scan of every socket costs less than a set per user held by each
    for (const { connection } of sessions.values()) {
      if (connection.user.id === user && connection.credential === credential) {
        logger.debug({ connection: connection.id, user }, 'chat socket signed out')
        connection.socket.close(CloseCode.policyViolation, 'signed out')
      }
    }
  }

  /**
   * The bus is best effort: now and then, sockets whose sign-in was recorded
   * as ended are closed anyway, and used tickets past their expiry forgotten
   */
  async function recheckSignOuts() {
    const now = clock.now()
    for (const [credential, until] of recentSignOuts) {
      if (until <= now) recentSignOuts.delete(credential)
    }
    const open = new Map(
      [...sessions.values()].map(({ connection: c }) => [c.credential, c.user.id])
    )
    for (const credential of await deps.tickets.signedOut([...open.keys()])) {
      signOut(open.get(credential)!, credential)
    }
    await deps.tickets.prune()
  }
  const signOutCheck = setInterval(() => {
    recheckSignOuts().catch((error) => logger.warn({ err: error }, 'chat sign-out check failed'))
  }, limits.signOutCheckMs)
  signOutCheck.unref()

  const heartbeat = setInterval(() => {
    for (const { connection } of sessions.values()) {
      if (!connection.alive) {
        connection.socket.terminate()
        continue
      }
      connection.alive = false
      connection.socket.ping()
    }
  }, limits.heartbeatMs)
  heartbeat.unref()

  /*
  | The handlers of every socket's events (ChatSocket): the socket's session
  | is looked up, so an idle socket holds no closures of its own
  */
  function onPong(socket: WebSocket) {
    const session = sessions.get(socket)
    if (session) {
      session.connection.alive = true
    }
  }

  function onMessage(socket: WebSocket, data: RawData, isBinary: boolean) {
    const session = sessions.get(socket)
    if (!session || socket.readyState !== socket.OPEN) {
      return
    }
    if (isBinary) {
      socket.close(CloseCode.unsupportedData, 'binary frames are not supported')
      return
    }
    session.receive(data.toString())
  }

  function onError(socket: WebSocket, error: Error) {
    const connection = sessions.get(socket)?.connection
    logger.debug(
      { connection: connection?.id, user: connection?.user.id, err: error },
      'chat socket error'
    )
  }

  function onClose(socket: WebSocket, code: number) {
    const session = sessions.get(socket)
    if (!session) {
      return
    }
    const { connection } = session
    sessions.delete(socket)
    capacity.closed(connection.user.id)
    metrics.connectionClosed()
    session.end()
    node.presence.disconnected(connection)
    logger.debug(
      { connection: connection.id, user: connection.user.id, code },
      'chat socket closed'
    )
  }

  function onUpgradeSocketError(error: Error) {
    logger.debug({ err: error }, 'chat upgrade socket error')
  }

  function accept(socket: WebSocket, connection: Connection) {
    sessions.set(socket, new ChatSession(connection, node))
    capacity.opened(connection.user.id)
    metrics.connectionOpened()
    node.presence.connected(connection)
    logger.debug({ connection: connection.id, user: connection.user.id }, 'chat socket opened')
  }

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL) {
    socket.on('error', onUpgradeSocketError)
    if (closing) {
      return rejectUpgrade(socket, 503)
    }
    const full = capacity.refusal()
    if (full) {
      return rejectUpgrade(socket, full)
    }
    const decision = await checkUpgrade(request, url, deps.tickets, allowedOrigins)
    if (closing) {
      return rejectUpgrade(socket, 503)
    }
    if (!decision.ok) {
      return rejectUpgrade(socket, decision.status)
    }
    const { user, credential } = decision.holder
    if ((recentSignOuts.get(credential) ?? 0) > clock.now()) {
      return rejectUpgrade(socket, 401)
    }
    const refusal = capacity.refusal(user.id)
    if (refusal) {
      logger.debug({ user: user.id, status: refusal }, 'chat upgrade refused: sockets at cap')
      return rejectUpgrade(socket, refusal)
    }
    /* Synchronous from here to accept(): no other upgrade can pass the cap meanwhile */
    wss.handleUpgrade(request, socket, head, (ws) => {
      accept(ws, new Connection(ws, user, credential, limits.maxBufferedBytes, metrics, socket))
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
          rejectUpgrade(socket, 503)
        })
      }
      httpServer.on('upgrade', listener)
      detachers.push(() => httpServer.off('upgrade', listener))
    },

    started,

    capacity() {
      return capacity.state()
    },

    async close() {
      closing = true
      clearInterval(heartbeat)
      clearInterval(signOutCheck)
      detachers.splice(0).forEach((detach) => detach())
      await Promise.all([...sessions.keys()].map((socket) => closeSocket(socket)))
      await node.unfollowSignOuts(signOut)
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

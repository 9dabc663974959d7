import { ProtocolLoadClient } from './protocol_load_client.js'
import { SocketIoClient } from './socketio_client.js'
import type { LoadClient } from './load_client.js'
import type { MeteredProcess } from '../lib/resource_meter.js'
import type { BenchUser } from '../stack/bench_database.js'
import type { Tokens } from '../stack/tokens.js'

/**
 * What a chat scenario runs against: roomchat (one or more nodes) or a peer
 */
export type ChatTarget = {
  name: string
  kind: 'roomchat' | 'ws' | 'socketio'
  /** Processes whose CPU and RSS are reported; the first is "the server" */
  metered: MeteredProcess[]
  /** Number of server processes clients are spread over */
  nodeCount: number
  /**
   * Opens a connection for `user` to node `node`; roomchat mints a ticket
   * through the API unless one is passed
   */
  open(user: BenchUser, node: number, ticket?: string): Promise<LoadClient>
}

/**
 * Roomchat nodes at these ws:// URLs; each connection mints its own ticket
 */
export function roomchatTarget(
  name: string,
  urls: string[],
  metered: MeteredProcess[],
  tokens: Tokens
): ChatTarget {
  return {
    name,
    kind: 'roomchat',
    metered,
    nodeCount: urls.length,
    async open(user, node, ticket) {
      const minted = ticket ?? (await tokens.ticket(user))
      return ProtocolLoadClient.connect(`${urls[node]}?ticket=${encodeURIComponent(minted)}`)
    },
  }
}

/**
 * The bare `ws` peer (bench/peers/ws_server.ts)
 */
export function wsPeerTarget(port: number, pid: number): ChatTarget {
  return {
    name: 'bare ws',
    kind: 'ws',
    metered: [{ label: 'ws peer', pid, role: 'server' }],
    nodeCount: 1,
    open: (user) =>
      ProtocolLoadClient.connect(
        `ws://127.0.0.1:${port}/ws?id=${user.id}&username=${encodeURIComponent(user.username)}`
      ),
  }
}

/**
 * The Socket.IO peer (bench/peers/socketio_server.ts)
 */
export function socketIoTarget(port: number, pid: number): ChatTarget {
  return {
    name: 'Socket.IO',
    kind: 'socketio',
    metered: [{ label: 'socket.io peer', pid, role: 'server' }],
    nodeCount: 1,
    open: (user) => SocketIoClient.connect(`http://127.0.0.1:${port}`, user),
  }
}

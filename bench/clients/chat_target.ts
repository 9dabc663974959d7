import { ProtocolLoadClient } from './protocol_load_client.js'
import { SocketIoClient } from './socketio_client.js'
import type { LoadClient } from './load_client.js'
import type { MeteredProcess } from '../lib/resource_meter.js'
import type { BenchUser } from '../stack/bench_database.js'
import type { Tokens } from '../stack/tokens.js'

/**
 * How another process reaches a target: plain data, sent over IPC to the
 * load generator processes (bench/generator/)
 */
export type TargetSpec =
  | { kind: 'roomchat'; urls: string[]; apiBaseUrl: string }
  | { kind: 'ws'; port: number }
  | { kind: 'socketio'; port: number }

/**
 * Opens a connection to `spec` for `user` on node `node`; roomchat needs a
 * ticket (`credential`)
 */
export function openClient(
  spec: TargetSpec,
  user: { id: number; username: string },
  node: number,
  credential?: string
): Promise<LoadClient> {
  if (spec.kind === 'roomchat') {
    return ProtocolLoadClient.connect(
      `${spec.urls[node]}?ticket=${encodeURIComponent(credential ?? '')}`
    )
  }
  if (spec.kind === 'ws') {
    return ProtocolLoadClient.connect(
      `ws://127.0.0.1:${spec.port}/ws?id=${user.id}&username=${encodeURIComponent(user.username)}`
    )
  }
  return SocketIoClient.connect(`http://127.0.0.1:${spec.port}`, user)
}

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
  /** The same target for a load generator process */
  spec: TargetSpec
  /** The bearer token a generator process mints `user`'s tickets with (roomchat only) */
  tokenOf?(user: BenchUser): string
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
  const spec: TargetSpec = { kind: 'roomchat', urls, apiBaseUrl: tokens.apiBaseUrl }
  return {
    name,
    kind: 'roomchat',
    metered,
    nodeCount: urls.length,
    spec,
    tokenOf: (user) => tokens.tokenOf(user),
    async open(user, node, ticket) {
      return openClient(spec, user, node, ticket ?? (await tokens.ticket(user)))
    },
  }
}

/**
 * The bare `ws` peer (bench/peers/ws_server.ts)
 */
export function wsPeerTarget(port: number, pid: number): ChatTarget {
  const spec: TargetSpec = { kind: 'ws', port }
  return {
    name: 'bare ws',
    kind: 'ws',
    metered: [{ label: 'ws peer', pid, role: 'server' }],
    nodeCount: 1,
    spec,
    open: (user) => openClient(spec, user, 0),
  }
}

/**
 * The Socket.IO peer (bench/peers/socketio_server.ts)
 */
export function socketIoTarget(port: number, pid: number): ChatTarget {
  const spec: TargetSpec = { kind: 'socketio', port }
  return {
    name: 'Socket.IO',
    kind: 'socketio',
    metered: [{ label: 'socket.io peer', pid, role: 'server' }],
    nodeCount: 1,
    spec,
    open: (user) => openClient(spec, user, 0),
  }
}

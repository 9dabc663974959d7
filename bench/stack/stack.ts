import { buildApp } from './build.js'
import { startAppServer, type AppServer } from './app_server.js'
import { BenchDatabase, type BenchUser } from './bench_database.js'
import { ApiClient } from './api_client.js'
import { Tokens } from './tokens.js'
import { startChatNode, type ChatNode } from './chat_node.js'
import { startPeer, type PeerServer } from '../peers/start_peer.js'
import {
  roomchatTarget,
  socketIoTarget,
  wsPeerTarget,
  type ChatTarget,
} from '../clients/chat_target.js'
import type { MeteredProcess } from '../lib/resource_meter.js'
import type { Profile } from '../config.js'

/**
 * Everything the scenarios run against, started once per run
 */
export type Stack = {
  app: AppServer
  db: BenchDatabase
  api: ApiClient
  users: BenchUser[]
  tokens: Tokens
  /** Two standalone chat processes on the PostgreSQL bus */
  chatNodes: ChatNode[]
  wsPeer: PeerServer
  socketIoPeer: PeerServer
  rooms: { fanout: number[]; persistence: number[]; resume: number }
  targets: { inProcess: ChatTarget; standalone: ChatTarget; ws: ChatTarget; socketIo: ChatTarget }
  /** The embedded PostgreSQL and all its backends, metered with roomchat */
  postgres: MeteredProcess
}

const DB_POOL_SIZE = 20

/**
 * Builds and starts the app (and with it the bench's embedded PostgreSQL), writes the
 * fixtures with SQL, logs the users in through the API, then starts two
 * standalone chat processes and the two peer servers
 */
export async function startStack(profile: Profile, log: (line: string) => void): Promise<Stack> {
  log('building the app (node ace build) into tmp/bench/build')
  await buildApp()
  log('starting the app (bin/server.js) on the bench database tmp/postgres/bench')
  const app = await startAppServer()
  const db = await BenchDatabase.connect(DB_POOL_SIZE)
  const api = new ApiClient(app.baseUrl)

  log(`creating ${profile.users} users and the rooms with SQL`)
  const users = await db.ensureUsers(profile.users)
  await db.resetMessages()
  const owner = users[0].id
  const names = (prefix: string, count: number) =>
    Array.from({ length: count }, (_, index) => `bench ${prefix} ${index + 1}`)
  const [resume] = await db.ensureRooms(['bench resume'], owner)
  const rooms = {
    fanout: await db.ensureRooms(
      names('fan-out', Math.max(profile.fanout.rooms, profile.scaleOut.rooms)),
      owner
    ),
    persistence: await db.ensureRooms(names('persistence', profile.persistence.rooms), owner),
    resume,
  }

  log('logging the users in (POST /api/v1/auth/tokens), starting 2 chat processes and the peers')
  const postgresBus = { CHAT_BUS: 'postgres' }
  const [tokens, chatA, chatB, wsPeer, socketIoPeer] = await Promise.all([
    Tokens.create(api, users),
    startChatNode('chat-a', app.env, postgresBus),
    startChatNode('chat-b', app.env, postgresBus),
    startPeer('ws-peer', 'ws_server'),
    startPeer('socketio-peer', 'socketio_server'),
  ])

  const postgres: MeteredProcess = {
    label: 'postgres',
    pid: db.postmasterPid,
    tree: true,
    role: 'database',
  }
  const targets = {
    inProcess: roomchatTarget(
      'roomchat in-process',
      [`ws://127.0.0.1:${app.port}/ws`],
      [{ label: 'app', pid: app.process.pid, role: 'server' }, postgres],
      tokens
    ),
    standalone: roomchatTarget(
      'roomchat standalone',
      [chatA.url],
      [{ label: 'chat node', pid: chatA.process.pid, role: 'server' }, postgres],
      tokens
    ),
    ws: wsPeerTarget(wsPeer.port, wsPeer.process.pid),
    socketIo: socketIoTarget(socketIoPeer.port, socketIoPeer.process.pid),
  }
  return {
    app,
    db,
    api,
    users,
    tokens,
    chatNodes: [chatA, chatB],
    wsPeer,
    socketIoPeer,
    rooms,
    targets,
    postgres,
  }
}

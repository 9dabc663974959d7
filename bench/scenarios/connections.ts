import { rssBytes, procAvailable } from '../lib/proc_usage.js'
import { num, ratio, type Table } from '../lib/table.js'
import { checkTarget } from '../lib/targets.js'
import { mapConcurrent, sleep } from '../lib/wait.js'
import {
  roomchatTarget,
  socketIoTarget,
  wsPeerTarget,
  type ChatTarget,
} from '../clients/chat_target.js'
import { startAppServer } from '../stack/app_server.js'
import { startChatNode } from '../stack/chat_node.js'
import { startPeer } from '../peers/start_peer.js'
import { waitForMessage, type BenchProcess } from '../lib/child_processes.js'
import type { LoadClient } from '../clients/load_client.js'
import type { Stack } from '../stack/stack.js'
import type { Profile } from '../config.js'
import type { ScenarioResult } from './scenario.js'

type Measured = {
  server: string
  connections: number
  failed: number
  connectSeconds: number
  connectsPerSecond: number
  rssBeforeMiB: number
  rssAfterMiB: number
  bytesPerConnection: number
  /** Heap in use after full collections with the sockets, less without (bench/stack/heap_probe.ts) */
  heapBytesPerConnection: number
}

/** Tickets live a minute: mint and connect in chunks */
const CHUNK = 1000
const CONNECT_CONCURRENCY = 100
const WARM_UP = 100
const MIB = 1024 * 1024
const HEAP_PROBE_TIMEOUT_MS = 30_000
let lastHeapProbe = 0

/**
 * Scenario 3: N idle authenticated sockets to one process (a fresh ticket
 * each, minted through the API outside the timed part): connect rate and
 * RSS growth per connection, against roomchat in-process and standalone and
 * the two peers. Each runs in a process started for this scenario, so heap
 * left over by the other scenarios cannot absorb the growth.
 */
export async function connectionsScenario(
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
): Promise<ScenarioResult> {
  const { count, settleMs } = profile.connections
  log('connections: starting a fresh app, chat process and peers')
  const [app, chat, wsPeer, socketIoPeer] = await Promise.all([
    startAppServer('conn-app'),
    startChatNode('conn-chat', stack.app.env, { CHAT_BUS: 'postgres' }),
    startPeer('conn-ws-peer', 'ws_server'),
    startPeer('conn-socketio-peer', 'socketio_server'),
  ])
  const ws = wsPeerTarget(wsPeer.port, wsPeer.process.pid)
  const targets = [
    roomchatTarget(
      stack.targets.inProcess.name,
      [`ws://127.0.0.1:${app.port}/ws`],
      [{ label: 'app', pid: app.process.pid, role: 'server' }],
      stack.tokens
    ),
    roomchatTarget(
      stack.targets.standalone.name,
      [chat.url],
      [{ label: 'chat node', pid: chat.process.pid, role: 'server' }],
      stack.tokens
    ),
    ws,
    socketIoTarget(socketIoPeer.port, socketIoPeer.process.pid),
  ]
  const processes = [app.process, chat.process, wsPeer.process, socketIoPeer.process]
  const measured: Measured[] = []
  try {
    for (const [index, target] of targets.entries()) {
      log(`connections: ${num(count)} idle sockets to ${target.name}`)
      measured.push(await measure(stack, target, processes[index], count, settleMs))
    }
  } finally {
    for (const one of processes) {
      await one.stop()
    }
  }

  const wsBytes = measured.find((row) => row.server === ws.name)!.bytesPerConnection
  const wsRate = measured.find((row) => row.server === ws.name)!.connectsPerSecond
  const wsHeap = measured.find((row) => row.server === ws.name)!.heapBytesPerConnection
  const table: Table = {
    title: `Connections: ${num(count)} idle authenticated WebSockets to one process`,
    headers: [
      'server',
      'open',
      'failed',
      'connects/s',
      'RSS before MiB',
      'RSS after MiB',
      'KiB/connection',
      'vs bare ws',
      'heap KiB/conn after GC',
      'vs bare ws',
      'connect rate vs bare ws',
    ],
    rows: measured.map((row) => [
      row.server,
      num(row.connections),
      num(row.failed),
      num(row.connectsPerSecond),
      num(row.rssBeforeMiB),
      num(row.rssAfterMiB),
      num(row.bytesPerConnection / 1024, 1),
      ratio(row.bytesPerConnection, wsBytes),
      num(row.heapBytesPerConnection / 1024, 2),
      ratio(row.heapBytesPerConnection, wsHeap),
      ratio(row.connectsPerSecond, wsRate),
    ]),
    notes: [
      'KiB/connection: RSS growth of a fresh process over the connections held, after they settle (no forced GC); the target',
      'heap after GC: JS heap in use after two full collections with the sockets open, less the same once they closed (what the sockets hold, without slack; read after the RSS)',
      'connects/s: WebSocket upgrades only (roomchat verifies the ticket); tickets are minted beforehand',
    ],
  }
  const checks = measured
    .filter((row) => row.server.startsWith('roomchat'))
    .map((row) =>
      checkTarget(
        `idle socket ≤ 1.25 × bare ws RSS (${row.server})`,
        row.bytesPerConnection / wsBytes,
        row.bytesPerConnection <= 1.25 * wsBytes && row.failed === 0,
        '×',
        `${num(row.bytesPerConnection / 1024, 1)} vs ${num(wsBytes / 1024, 1)} KiB per socket, ${num(row.failed)} failed`
      )
    )
  return { tables: [table], figures: { count, rows: measured }, checks }
}

async function measure(
  stack: Stack,
  target: ChatTarget,
  server: BenchProcess,
  count: number,
  settleMs: number
): Promise<Measured> {
  const pid = target.metered[0].pid
  await warmUp(stack, target, settleMs)
  const rssBefore = procAvailable ? rssBytes(pid) : Number.NaN
  const clients: LoadClient[] = []
  let failed = 0
  let connectMs = 0
  for (let first = 0; first < count; first += CHUNK) {
    const slots = Array.from(
      { length: Math.min(CHUNK, count - first) },
      (_, index) => first + index
    )
    const users = slots.map((slot) => stack.users[slot % stack.users.length])
    const tickets =
      target.kind === 'roomchat'
        ? await mapConcurrent(users, 20, (user) => stack.tokens.ticket(user))
        : null
    const began = performance.now()
    await mapConcurrent(slots, CONNECT_CONCURRENCY, async (_slot, index) => {
      try {
        clients.push(await target.open(users[index], 0, tickets?.[index]))
      } catch {
        failed++
      }
    })
    connectMs += performance.now() - began
  }
  await sleep(settleMs)
  const rssAfter = procAvailable ? rssBytes(pid) : Number.NaN
  const heapWith = await heapAfterGc(server)
  const open = clients.filter((client) => !client.lost).length
  clients.forEach((client) => client.close())
  await sleep(Math.min(3000, 500 + count / 10))
  const heapWithout = await heapAfterGc(server)
  return {
    server: target.name,
    connections: open,
    failed,
    connectSeconds: connectMs / 1000,
    connectsPerSecond: clients.length / (connectMs / 1000),
    rssBeforeMiB: rssBefore / MIB,
    rssAfterMiB: rssAfter / MIB,
    bytesPerConnection: (rssAfter - rssBefore) / Math.max(1, open),
    heapBytesPerConnection: (heapWith - heapWithout) / Math.max(1, open),
  }
}

/**
 * The server's heap in use after full collections (bench/stack/heap_probe.ts)
 */
async function heapAfterGc(server: BenchProcess) {
  const probe = ++lastHeapProbe
  const answer = waitForMessage(
    server,
    (message: { heapProbe?: number; heapUsed?: number }) =>
      message?.heapProbe === probe ? message.heapUsed : undefined,
    HEAP_PROBE_TIMEOUT_MS
  )
  server.child.send({ heapProbe: probe })
  return answer
}

/**
 * Opens and closes a few connections first, so one-time growth (code, pools)
 * is not counted per connection
 */
async function warmUp(stack: Stack, target: ChatTarget, settleMs: number) {
  const clients = await mapConcurrent(stack.users.slice(0, WARM_UP), 20, (user) =>
    target.open(user, 0)
  )
  clients.forEach((client) => client.close())
  await sleep(settleMs)
}

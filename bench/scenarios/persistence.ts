import { runClosedLoop, type ClosedLoopResult } from './closed_loop.js'
import { rawSqlAppend } from './raw_sql_append.js'
import { totalOf } from '../lib/resource_meter.js'
import { num, ratio, type Table } from '../lib/table.js'
import { checkTarget } from '../lib/targets.js'
import { mapConcurrent, sleep } from '../lib/wait.js'
import type { ChatTarget } from '../clients/chat_target.js'
import type { Stack } from '../stack/stack.js'
import type { Profile } from '../config.js'
import type { ScenarioResult } from './scenario.js'

type Row = { name: string; senders: number; result: ClosedLoopResult }

/** Pool size of the app's Lucid connection (config/database.ts) */
const APP_POOL_SIZE = 10
let runNumber = 0
const TEXT = 'A persisted message: acknowledged only once committed with its seq.'

/**
 * Scenario 2: closed-loop senders (send, wait for the ack = committed + seq,
 * send again) spread over rooms, against roomchat in-process (memory bus)
 * and standalone (PostgreSQL bus: NOTIFY after commit), the same SQL
 * transaction run bare on a pool of the app's size, and the bare ws peer
 * (acks from memory)
 */
export async function persistenceScenario(
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
): Promise<ScenarioResult> {
  const { senders, warmupMs, measureMs } = profile.persistence
  const rooms = stack.rooms.persistence
  const timing = { warmupMs, measureMs }
  const rows: Row[] = []
  const sqlPool = stack.db.newPool(APP_POOL_SIZE)
  try {
    for (const count of senders) {
      for (const target of [stack.targets.inProcess, stack.targets.standalone, stack.targets.ws]) {
        log(`persistence: ${target.name}, ${count} senders`)
        rows.push({
          name: target.name,
          senders: count,
          result: await runSenders(stack, target, count, timing),
        })
      }
      log(`persistence: bare SQL, ${count} senders on a pool of ${APP_POOL_SIZE}`)
      const result = await runClosedLoop(
        count,
        (worker, sequence) =>
          rawSqlAppend(sqlPool, {
            room: rooms[worker % rooms.length],
            userId: stack.users[worker % stack.users.length].id,
            clientId: `sql-${count}-${worker}-${sequence}`,
            text: TEXT,
          }),
        timing,
        [stack.postgres]
      )
      rows.push({ name: 'bare SQL transaction', senders: count, result })
    }
  } finally {
    await sqlPool.end()
  }

  const peerOf = (row: Row, name: string) =>
    rows.find((other) => other.senders === row.senders && other.name === name)!.result.perSecond
  const table: Table = {
    title: `Persistence: closed-loop senders over ${rooms.length} rooms (ack = committed + seq)`,
    headers: [
      'senders',
      'path',
      'acks/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'server CPU %',
      'PG CPU %',
      'vs bare SQL',
      'vs bare ws',
    ],
    rows: rows.map((row) => [
      num(row.senders),
      row.name,
      num(row.result.perSecond),
      num(row.result.latencyMs.p50, 2),
      num(row.result.latencyMs.p99, 2),
      num(row.result.errors),
      num(totalOf(row.result.resources, 'server').cpuPercent),
      num(totalOf(row.result.resources, 'database').cpuPercent),
      ratio(row.result.perSecond, peerOf(row, 'bare SQL transaction')),
      ratio(row.result.perSecond, peerOf(row, 'bare ws')),
    ]),
    notes: [
      "bare SQL: the store's transaction (UPDATE rooms … RETURNING last_seq; INSERT messages; COMMIT) on a pg pool of 10, no app",
      'bare ws: the same frames acknowledged from memory (no persistence), the transport ceiling',
      "the bench lifts the chat's 10 frames/s per-socket limit in the processes it starts (bench/stack/lift_rate_limit.ts)",
    ],
  }

  const top = Math.max(...senders)
  const checks = rows
    .filter((row) => row.senders === top && row.name.startsWith('roomchat'))
    .map((row) => {
      const ceiling = peerOf(row, 'bare ws')
      const cpu = (role: 'server' | 'database') =>
        num(totalOf(row.result.resources, role).cpuPercent)
      return checkTarget(
        `persistence ≥ 0.8 × bare ws acks/s at ${top} senders (${row.name})`,
        row.result.perSecond / ceiling,
        row.result.perSecond >= 0.8 * ceiling,
        '×',
        `${num(row.result.perSecond)} vs ${num(ceiling)} acks/s; CPU server ${cpu('server')}%, PG ${cpu('database')}%; bare SQL ${num(peerOf(row, 'bare SQL transaction'))} tx/s`
      )
    })
  return {
    tables: [table],
    figures: {
      rooms: rooms.length,
      rows: rows.map((row) => ({ path: row.name, senders: row.senders, ...row.result })),
    },
    checks,
  }
}

/**
 * Opens `count` senders (sender i in room i mod rooms), runs the closed
 * loop, closes them
 */
async function runSenders(
  stack: Stack,
  target: ChatTarget,
  count: number,
  timing: { warmupMs: number; measureMs: number }
) {
  const rooms = stack.rooms.persistence
  const clients = await mapConcurrent(
    Array.from({ length: count }, (_, index) => index),
    20,
    async (index) => {
      const client = await target.open(stack.users[index % stack.users.length], 0)
      await client.join(rooms[index % rooms.length])
      return client
    }
  )
  const tag = `p${++runNumber}`
  try {
    return await runClosedLoop(
      count,
      (worker, sequence) =>
        clients[worker].send(rooms[worker % rooms.length], `${tag}-${worker}-${sequence}`, TEXT),
      timing,
      target.metered
    )
  } finally {
    clients.forEach((client) => client.close())
    await sleep(300)
  }
}

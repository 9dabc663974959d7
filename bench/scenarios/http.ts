import autocannon from 'autocannon'
import { startPeer } from '../peers/start_peer.js'
import {
  ResourceMeter,
  totalOf,
  type MeteredProcess,
  type ResourceUsage,
} from '../lib/resource_meter.js'
import { num, ratio, type Table } from '../lib/table.js'
import { checkTarget } from '../lib/targets.js'
import { BENCH_PASSWORD } from '../stack/bench_database.js'
import type { Stack } from '../stack/stack.js'
import type { Profile } from '../config.js'
import type { ScenarioResult } from './scenario.js'

type Measured = {
  page: string
  url: string
  bytes: number
  requestsPerSecond: number
  latencyMs: { p50: number; p99: number }
  non2xx: number
  errors: number
  resources: ResourceUsage[]
}

/**
 * Scenario 5: requests/s and latency of the signed-in rooms list, room page
 * and room switch (the room's region of its page, as room_switcher.js asks
 * for it; session cookie from one form login), of the app's lightest route,
 * and of a constant page of the room page's size from bare node:http (the
 * app has no constant-page route)
 */
export async function httpScenario(
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
): Promise<ScenarioResult> {
  const { connections, durationSeconds } = profile.http
  const base = stack.app.baseUrl
  const room = stack.rooms.resume
  if ((await stack.db.lastSeq(room)) === 0) {
    // Run alone (--only=http), the room page would be empty: give it the resume scenario's backlog
    log(`http: writing ${num(profile.resume.messages)} messages into the room page's room with SQL`)
    await stack.db.seedMessages(room, stack.users[0].id, profile.resume.messages)
  }
  // The reader is not the backlog's author (user 0), as someone opening a room others wrote
  // in; their sidebar lists the rooms they joined, each with its unread count. Every bench
  // user is a member of the room (full: 100), so its members pane lists a full roster.
  const reader = stack.users[1 % stack.users.length]
  await stack.db.joinRooms(reader.id, [room, ...stack.rooms.fanout])
  for (const member of stack.users) {
    await stack.db.joinRooms(member.id, [room])
  }
  log('http: signing in through the login form')
  const cookie = await stack.api.signIn(reader.username, BENCH_PASSWORD)
  const roomUrl = `${base}/rooms/${room}`
  const roomPage = await fetch(roomUrl, { headers: { cookie } })
  const roomHtml = await roomPage.arrayBuffer()
  const roomBytes = roomHtml.byteLength
  if (roomPage.status !== 200) {
    throw new Error(`room page answered ${roomPage.status}`)
  }
  const constant = await startPeer('static-page', 'static_page_server', {
    PAGE_BYTES: String(roomBytes),
  })
  const app: MeteredProcess = { label: 'app', pid: stack.app.process.pid, role: 'server' }
  const signedIn = { cookie }
  const pages = [
    {
      page: 'room page /rooms/:id (signed in)',
      url: roomUrl,
      headers: signedIn,
      server: [app, stack.postgres],
    },
    {
      // What a room switch in the browser asks for (room_switcher.js): the room without the shell
      page: 'room switch /rooms/:id, X-Page-Region: chat',
      url: roomUrl,
      headers: { ...signedIn, 'x-page-region': 'chat' },
      server: [app, stack.postgres],
    },
    {
      page: 'rooms list /rooms (signed in)',
      url: `${base}/rooms`,
      headers: signedIn,
      server: [app, stack.postgres],
    },
    {
      page: 'lightest app route /health/live',
      url: `${base}/health/live`,
      headers: {},
      server: [app],
    },
    {
      page: 'constant page, bare node:http',
      url: `http://127.0.0.1:${constant.port}/`,
      headers: {},
      server: [{ label: 'node:http', pid: constant.process.pid, role: 'server' as const }],
    },
  ]
  const measured: Measured[] = []
  try {
    for (const one of pages) {
      log(`http: ${one.page}, ${connections} connections, ${durationSeconds} s`)
      measured.push(
        await load(one.page, one.url, one.headers, one.server, connections, durationSeconds)
      )
    }
  } finally {
    await constant.process.stop()
  }

  const ceiling = measured[4].requestsPerSecond
  const health = measured[3]
  const table: Table = {
    title: `HTTP: autocannon, ${connections} connections × ${durationSeconds} s each`,
    headers: [
      'page',
      'bytes',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
      'server CPU %',
      'PG CPU %',
      'vs /health/live',
      'vs constant page',
    ],
    rows: measured.map((row) => [
      row.page,
      num(row.bytes),
      num(row.requestsPerSecond),
      num(row.latencyMs.p50, 1),
      num(row.latencyMs.p99, 1),
      num(row.non2xx + row.errors),
      num(totalOf(row.resources, 'server').cpuPercent),
      num(totalOf(row.resources, 'database').cpuPercent),
      ratio(row.requestsPerSecond, health.requestsPerSecond),
      ratio(row.requestsPerSecond, ceiling),
    ]),
    notes: [
      `constant page: ${num(roomBytes)} bytes like the room page, from a separate node:http process`,
      'the app runs NODE_ENV=production (Edge caches compiled templates), LOG_LEVEL=warn',
    ],
  }
  return {
    tables: [table],
    figures: { connections, durationSeconds, rows: measured },
    checks: [
      againstHealth('room page', measured[0], health),
      againstHealth('room switch', measured[1], health),
      againstHealth('rooms list', measured[2], health),
    ],
  }
}

/**
 * Target of issue #20: a signed-in page serves at least half the requests/s
 * of `/health/live` (the full middleware stack, nothing else) in the same
 * run; a miss says what the server and PostgreSQL were doing meanwhile
 */
function againstHealth(name: string, page: Measured, health: Measured) {
  const share = page.requestsPerSecond / health.requestsPerSecond
  const failed = page.non2xx + page.errors
  return checkTarget(
    `${name} ≥ 0.5 × /health/live (req/s, same run)`,
    share,
    share >= 0.5 && failed === 0,
    '×',
    `${num(page.requestsPerSecond)} req/s vs ${num(health.requestsPerSecond)}, ` +
      `p99 ${num(page.latencyMs.p99, 1)} ms, app CPU ${num(totalOf(page.resources, 'server').cpuPercent)} %, ` +
      `PG CPU ${num(totalOf(page.resources, 'database').cpuPercent)} %` +
      (failed > 0 ? `, ${failed} failed requests` : '')
  )
}

async function load(
  page: string,
  url: string,
  headers: Record<string, string>,
  metered: MeteredProcess[],
  connections: number,
  duration: number
): Promise<Measured> {
  const meter = new ResourceMeter(metered).start()
  const result = await autocannon({
    url,
    connections,
    duration,
    headers,
  })
  const resources = meter.stop()
  return {
    page,
    url,
    bytes: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    requestsPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    resources,
  }
}

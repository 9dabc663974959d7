import { checkTarget } from '../lib/targets.js'
import { BENCH_PASSWORD } from '../stack/bench_database.js'
import { startAppServer } from '../stack/app_server.js'
import { DEFAULT_SLO } from '../users/slo.js'
import { rampTables, runCapacityRamp, type WatchedProcess } from '../users/capacity_ramp.js'
import type { Stack } from '../stack/stack.js'
import type { Profile } from '../config.js'
import type { ScenarioResult } from './scenario.js'

/**
 * Where the simulated users' pages and sockets go, and whose CPU is watched
 */
type Topology = { name: string; baseUrl: string; watched: WatchedProcess[] }

/**
 * Scenario 7: simulated users (form login, lobby and its Transmit stream,
 * one chat socket, the load-test-ng action mix) ramped until the SLO
 * breaks, twice on the same machine: against the app with its in-process
 * chat, then split as Compose's split topology runs it (a web app whose
 * browsers connect to a standalone chat process, both on the PostgreSQL bus)
 */
export async function usersScenario(
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
): Promise<ScenarioResult> {
  const settings = profile.capacity
  log(
    `users: creating ${settings.maxUsers} accounts and ${settings.rooms} rooms with SQL, everyone a member of every room`
  )
  const accounts = await stack.db.ensureUsers(settings.maxUsers)
  const names = Array.from({ length: settings.rooms }, (_, index) => `bench users ${index + 1}`)
  const rooms = await stack.db.ensureRooms(names, accounts[0].id)
  await stack.db.ensureMembers(
    rooms,
    accounts.map((account) => account.id)
  )
  const postgres = { label: 'postgres', pid: stack.postgres.pid, tree: true }

  const result: ScenarioResult = { tables: [], figures: { ...settings }, checks: [] }
  for (const topology of [inProcess(stack, postgres), await split(stack, postgres, log)]) {
    log(
      `users (${topology.name}): ramp ${settings.startUsers} + ${settings.stepUsers} every ` +
        `${settings.stepSeconds} s up to ${settings.maxUsers} users (${settings.maxSeconds} s at most), ` +
        `${settings.workers} generator process(es)`
    )
    const options = {
      baseUrl: topology.baseUrl,
      password: BENCH_PASSWORD,
      usernames: accounts.map((account) => account.username),
      rooms,
      idle: settings.idle,
      slo: DEFAULT_SLO,
      startUsers: settings.startUsers,
      stepUsers: settings.stepUsers,
      maxUsers: settings.maxUsers,
      stepSeconds: settings.stepSeconds,
      maxSeconds: settings.maxSeconds,
      workers: settings.workers,
      watched: topology.watched,
      log: (line: string) => log(`users (${topology.name}): ${line}`),
    }
    const report = await runCapacityRamp(options)
    result.tables.push(...rampTables(report, options, topology.name))
    result.figures[topology.name] = report
    result.checks.push(
      checkTarget(
        `users (${topology.name}): ceiling reported (SLO p99 page < 1 s, p99 delivery < 500 ms)`,
        report.ceiling.users,
        report.steps.length > 0,
        ' users'
      )
    )
  }
  return result
}

/**
 * The app with its in-process chat: one process serves pages and sockets
 */
function inProcess(stack: Stack, postgres: WatchedProcess): Topology {
  return {
    name: 'in-process',
    baseUrl: stack.app.baseUrl,
    watched: [{ label: 'app + chat', pid: stack.app.process.pid }, postgres],
  }
}

/**
 * A second web app with CHAT_MODE=external whose tickets send browsers to
 * the stack's first standalone chat process (both on the PostgreSQL bus)
 */
async function split(
  stack: Stack,
  postgres: WatchedProcess,
  log: (line: string) => void
): Promise<Topology> {
  const [chat] = stack.chatNodes
  log(`users: starting a web app with CHAT_MODE=external, its chat at ${chat.url}`)
  const web = await startAppServer('app-web', {
    CHAT_MODE: 'external',
    CHAT_PUBLIC_URL: chat.url,
    CHAT_BUS: 'postgres',
  })
  return {
    name: 'split',
    baseUrl: web.baseUrl,
    watched: [
      { label: 'web app', pid: web.process.pid },
      { label: 'chat', pid: chat.process.pid },
      postgres,
    ],
  }
}

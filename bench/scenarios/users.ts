import { checkTarget } from '../lib/targets.js'
import { BENCH_PASSWORD } from '../stack/bench_database.js'
import { DEFAULT_SLO } from '../users/slo.js'
import { rampTables, runCapacityRamp } from '../users/capacity_ramp.js'
import type { Stack } from '../stack/stack.js'
import type { Profile } from '../config.js'
import type { ScenarioResult } from './scenario.js'

/**
 * Scenario 7: simulated users (form login, lobby and its Transmit stream,
 * one chat socket, the load-test-ng action mix) against the app with its
 * in-process chat, ramped until the SLO breaks
 */
export async function usersScenario(
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
): Promise<ScenarioResult> {
  const settings = profile.capacity
  log(`users: creating ${settings.maxUsers} accounts and ${settings.rooms} rooms with SQL`)
  const accounts = await stack.db.ensureUsers(settings.maxUsers)
  const names = Array.from({ length: settings.rooms }, (_, index) => `bench users ${index + 1}`)
  const rooms = await stack.db.ensureRooms(names, accounts[0].id)
  log(
    `users: ramp ${settings.startUsers} + ${settings.stepUsers} every ${settings.stepSeconds} s ` +
      `up to ${settings.maxUsers} users (${settings.maxSeconds} s at most), ${settings.workers} generator process(es)`
  )
  const options = {
    baseUrl: stack.app.baseUrl,
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
    watched: [
      { label: 'app + chat', pid: stack.app.process.pid },
      { label: 'postgres', pid: stack.postgres.pid, tree: true },
    ],
    log: (line: string) => log(`users: ${line}`),
  }
  const report = await runCapacityRamp(options)
  return {
    tables: rampTables(report, options),
    figures: { ...settings, report },
    checks: [
      checkTarget(
        'users: ceiling reported (SLO p99 page < 1 s, p99 delivery < 500 ms)',
        report.ceiling.users,
        report.steps.length > 0,
        ' users'
      ),
    ],
  }
}

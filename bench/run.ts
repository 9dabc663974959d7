/*
| npm run bench [-- --quick] [-- --only=fanout,http] [-- --only users]
|
| Builds the app into tmp/bench/build, starts it on its own embedded
| PostgreSQL (tmp/postgres/bench), two standalone chat processes and the
| peer servers, runs the scenarios against
| 127.0.0.1 only, prints a table per scenario, writes bench/results/latest.json
| and stops everything it started. Targets are reported, never fatal.
*/
import { parseArgs, SCENARIOS, type ScenarioName } from './config.js'
import { startStack, type Stack } from './stack/stack.js'
import { stopAll } from './lib/child_processes.js'
import { describeMachine, loadAverage } from './lib/machine.js'
import { printTable } from './lib/table.js'
import { targetsTable, type TargetCheck } from './lib/targets.js'
import { writeResults } from './lib/results_file.js'
import { fanoutScenario } from './scenarios/fanout.js'
import { persistenceScenario } from './scenarios/persistence.js'
import { connectionsScenario } from './scenarios/connections.js'
import { resumeScenario } from './scenarios/resume.js'
import { httpScenario } from './scenarios/http.js'
import { scaleOutScenario } from './scenarios/scale_out.js'
import { usersScenario } from './scenarios/users.js'
import type { ScenarioResult } from './scenarios/scenario.js'
import type { Profile } from './config.js'

type Runner = (
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
) => Promise<ScenarioResult>

const RUNNERS: Record<ScenarioName, Runner> = {
  fanout: fanoutScenario,
  persistence: persistenceScenario,
  connections: connectionsScenario,
  resume: resumeScenario,
  http: httpScenario,
  scaleout: scaleOutScenario,
  users: usersScenario,
}

const startedAt = new Date()
const clock = performance.now()
const log = (line: string) =>
  console.log(`[bench ${((performance.now() - clock) / 1000).toFixed(1).padStart(6)} s] ${line}`)

let stopping = false
async function shutdown(stack: Stack | null) {
  if (stopping) {
    return
  }
  stopping = true
  log('stopping everything the bench started')
  await stack?.db.close().catch(() => {})
  await stopAll()
}

let stack: Stack | null = null
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    shutdown(stack).finally(() => process.exit(130))
  })
}

try {
  const { profile, scenarios } = parseArgs(process.argv.slice(2), process.env)
  const loadAtStart = loadAverage()
  log(`profile ${profile.name}: ${scenarios.join(', ')} (load average ${loadAtStart})`)
  if (loadAtStart > 0.5) {
    log(
      'warning: the machine is already busy; figures will be lower and noisier than on an idle one'
    )
  }
  stack = await startStack(profile, log)
  const results: Record<string, ScenarioResult> = {}
  const checks: TargetCheck[] = []
  for (const name of scenarios) {
    const result = await RUNNERS[name](stack, profile, log)
    result.tables.forEach((table) => printTable(table))
    results[name] = result
    checks.push(...result.checks)
  }
  const summary = targetsTable(checks)
  printTable(summary)
  const file = await writeResults({
    startedAt: startedAt.toISOString(),
    profile: profile.name,
    complete: scenarios.length === SCENARIOS.length,
    machine: { ...describeMachine(), loadAverageAtStart: loadAtStart },
    durationSeconds: Math.round((performance.now() - clock) / 1000),
    scenarios: results,
    targets: checks,
  })
  log(`results written to ${file}`)
} catch (error) {
  process.exitCode = 1
  console.error(error)
} finally {
  await shutdown(stack)
  log('done')
}

import { fork, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { cpuSeconds } from '../lib/proc_usage.js'
import { num, type Table } from '../lib/table.js'
import { shareOf, type IdleTiming } from './action_mix.js'
import {
  busiestOf,
  ceilingOf,
  firstResourceOut,
  sloBreaches,
  type CpuShare,
  type Slo,
  type StepStats,
} from './slo.js'
import type { UserSettings, UserStats } from './simulated_user.js'
import type { WorkerCommand } from './user_worker.js'

/**
 * A server process whose CPU the report shows (`tree`: with its children,
 * e.g. PostgreSQL's backends)
 */
export type WatchedProcess = { label: string; pid: number; tree?: boolean }

/**
 * How the ramp runs: users `startUsers`, then `stepUsers` more every
 * `stepSeconds`, until the SLO breaks, `maxUsers` is reached or the time
 * budget `maxSeconds` is spent
 */
export type RampOptions = {
  baseUrl: string
  password: string
  /** Accounts to sign in as, at least `maxUsers` */
  usernames: string[]
  rooms: number[]
  idle: IdleTiming
  slo: Slo
  startUsers: number
  stepUsers: number
  maxUsers: number
  stepSeconds: number
  maxSeconds: number
  /** Load generator processes */
  workers: number
  watched: WatchedProcess[]
  /** One line per finished step */
  log: (line: string) => void
  /** A status line, refreshed every second (a TTY may redraw it in place) */
  status?: (line: string) => void
}

/**
 * One finished step of the ramp
 */
export type RampStep = StepStats & {
  actionsPerSecond: number
  /** Requests the pages' scripts made on their own (browser_reactions.ts) */
  reactionsPerSecond: number
  messagesPerSecond: number
  pageP50Ms: number
  loginP99Ms: number
  deliveryP50Ms: number
  deliveries: number
  cpu: CpuShare[]
  /** CPU while the step's users arrived (before the measured load) */
  arrivalCpu: CpuShare[]
  machineBusyPercent: number
  breaches: string[]
  errorSamples: string[]
}

/**
 * What the ramp found
 */
export type RampReport = {
  steps: RampStep[]
  ceiling: ReturnType<typeof ceilingOf>
  firstResourceOut: string
  cores: number
}

type Worker = { child: ChildProcess; users: number }

/**
 * Ramps simulated users (simulated_user.ts) against a running install from
 * `workers` generator processes and reports each step, the ceiling and the
 * first resource to run out. All load goes to `baseUrl`; bounded by
 * `maxUsers` and `maxSeconds`.
 */
export async function runCapacityRamp(options: RampOptions): Promise<RampReport> {
  if (options.usernames.length < options.maxUsers) {
    throw new Error(`${options.maxUsers} users need as many accounts`)
  }
  const workers = await Promise.all(
    Array.from({ length: options.workers }, (_, index) => startWorker(index))
  )
  const settings: UserSettings = {
    baseUrl: options.baseUrl,
    password: options.password,
    rooms: options.rooms,
    idle: options.idle,
  }
  const watched: WatchedProcess[] = [
    ...options.watched,
    ...workers.map((worker, index) => ({
      label: `generator ${index + 1}`,
      pid: worker.child.pid!,
    })),
  ]
  const steps: RampStep[] = []
  const started = performance.now()
  let users = 0
  try {
    while (users < options.maxUsers) {
      const target = Math.min(
        options.maxUsers,
        users === 0 ? options.startUsers : users + options.stepUsers
      )
      const names = options.usernames.slice(users, target)
      await collect(workers)
      const arrivalStarted = cpuNow(watched)
      addUsers(workers, names, settings, arrivalSeconds(options) * 1000)
      users = target
      const arrival = await countdown(
        workers,
        arrivalSeconds(options),
        `${users} users arriving`,
        options
      )
      const arrivalCpu = cpuSince(watched, arrivalStarted)
      const step = await measureStep(workers, watched, users, { arrival, arrivalCpu }, options)
      steps.push(step)
      options.log(describeStep(step))
      const elapsed = (performance.now() - started) / 1000
      const next = arrivalSeconds(options) + options.stepSeconds
      if (step.breaches.length > 0 || elapsed + next > options.maxSeconds) {
        break
      }
    }
  } finally {
    await Promise.all(workers.map((worker) => stopWorker(worker)))
  }
  const cores = availableParallelism()
  const ceiling = ceilingOf(steps, options.slo)
  const last = steps[steps.length - 1]
  return {
    steps,
    ceiling,
    cores,
    firstResourceOut: !last
      ? 'n/a'
      : `${ceiling.broken ? '' : 'none yet (the SLO held); at the last step: '}${firstResourceOut(last.cpu, last.machineBusyPercent, cores, last.arrivalCpu)}`,
  }
}

/**
 * The report as tables for printing, titled with the topology measured when given
 */
export function rampTables(
  report: RampReport,
  options: Pick<RampOptions, 'idle' | 'slo'>,
  topology?: string
): Table[] {
  const labels = report.steps[0]?.cpu.map((one) => one.label) ?? []
  const steps: Table = {
    title: `Users${topology ? ` (${topology})` : ''}: ramp until the SLO breaks (p99 page < ${options.slo.pageP99Ms} ms, p99 delivery < ${options.slo.deliveryP99Ms} ms, no error, no drop)`,
    headers: [
      'users',
      'actions/s',
      'script req/s',
      'msgs/s',
      'deliveries',
      'page p50/p99 ms',
      'login p99 ms',
      'delivery p50/p99 ms',
      'errors',
      'drops',
      ...labels.map((label) => `${label} CPU %`),
      'busiest while arriving CPU %',
      'machine busy %',
      'SLO',
    ],
    rows: report.steps.map((step) => [
      num(step.users),
      num(step.actionsPerSecond, 1),
      num(step.reactionsPerSecond, 1),
      num(step.messagesPerSecond, 1),
      num(step.deliveries),
      `${num(step.pageP50Ms)}/${num(step.pageP99Ms)}`,
      num(step.loginP99Ms),
      `${num(step.deliveryP50Ms)}/${num(step.deliveryP99Ms)}`,
      num(step.errors),
      num(step.dropped),
      ...step.cpu.map((one) => num(one.cpuPercent)),
      busiestArriving(step),
      num(step.machineBusyPercent),
      step.breaches.length ? step.breaches.join('; ') : 'held',
    ]),
    notes: [
      `ceiling: ${report.ceiling.broken ? '' : '≥ '}${num(report.ceiling.users)} users` +
        (report.ceiling.broken
          ? ` (next step broke: ${report.ceiling.breaches.join('; ')})`
          : ' (the SLO never broke: a floor)'),
      `first resource to run out: ${report.firstResourceOut}`,
      `pace: an action every ${num(options.idle.avgMs / 1000, 1)} s on average (≥ ${num(options.idle.minMs / 1000, 1)} s), ${(shareOf('send') * 100).toFixed(1)} % of them sends (mix: bench/users/action_mix.ts)`,
      'logins (form POST, scrypt) are timed apart and not judged: a real session logs in once',
      "script req/s: what the pages' scripts fetch on live events (sidebar, unread count, read marker; bench/users/browser_reactions.ts), timed as pages too",
      `CPU in % of one core (${report.cores} cores); machine busy % counts every process on the machine`,
      ...report.steps
        .flatMap((step) =>
          step.errorSamples.map((sample) => `error at ${step.users} users: ${sample}`)
        )
        .slice(0, 5),
    ],
  }
  return [steps]
}

async function startWorker(index: number): Promise<Worker> {
  const source = fileURLToPath(import.meta.url)
  const extension = source.endsWith('.ts') ? '.ts' : '.js'
  const entry = fileURLToPath(new URL(`./user_worker${extension}`, import.meta.url))
  const execArgv =
    extension === '.ts' && !process.execArgv.join(' ').includes('ts-exec')
      ? [...process.execArgv, '--import', '@poppinss/ts-exec']
      : process.execArgv
  const child = fork(entry, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  await nextMessage(child, 'ready', `generator ${index + 1}`)
  return { child, users: 0 }
}

function addUsers(
  workers: Worker[],
  usernames: string[],
  settings: UserSettings,
  spreadMs: number
) {
  const shares = new Map<Worker, string[]>()
  for (const username of usernames) {
    const worker = workers.reduce((least, one) => (one.users < least.users ? one : least))
    worker.users++
    shares.set(worker, [...(shares.get(worker) ?? []), username])
  }
  for (const [worker, names] of shares) {
    send(worker.child, { type: 'add', settings, usernames: names, spreadMs })
  }
}

/**
 * New users arrive (log in, open the lobby, the stream and the socket)
 * spread over half a step before the step is measured
 */
function arrivalSeconds(options: RampOptions) {
  return Math.ceil(options.stepSeconds / 2)
}

/**
 * Waits `seconds` with a status line, then collects what the users measured meanwhile
 */
async function countdown(workers: Worker[], seconds: number, what: string, options: RampOptions) {
  for (let left = seconds; left > 0; left--) {
    options.status?.(`${what}, ${left} s left`)
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  return collect(workers)
}

/**
 * Measures a step once its users have arrived: latencies over `stepSeconds`
 * of steady load; logins, errors and drops of the arrival count too
 */
async function measureStep(
  workers: Worker[],
  watched: WatchedProcess[],
  users: number,
  { arrival, arrivalCpu }: { arrival: UserStats[]; arrivalCpu: CpuShare[] },
  options: RampOptions
): Promise<RampStep> {
  const cpuBefore = cpuNow(watched)
  const machineBefore = machineTicks()
  const steady = await countdown(workers, options.stepSeconds, `${users} users`, options)
  const stats = [
    ...steady,
    ...arrival.map((one) => ({ ...one, pageMs: [], deliveryMs: [], actions: 0, reactions: 0 })),
  ]
  const seconds = (performance.now() - cpuBefore.at) / 1000
  const machineAfter = machineTicks()
  const cpu = cpuSince(watched, cpuBefore)
  const busyTicks = machineAfter.busy - machineBefore.busy
  const totalTicks = machineAfter.total - machineBefore.total
  const pageMs = stats.flatMap((one) => one.pageMs).sort((a, b) => a - b)
  const loginMs = stats.flatMap((one) => one.loginMs).sort((a, b) => a - b)
  const deliveryMs = stats.flatMap((one) => one.deliveryMs).sort((a, b) => a - b)
  const actions = stats.reduce((sum, one) => sum + one.actions, 0)
  const reactions = stats.reduce((sum, one) => sum + one.reactions, 0)
  const step = {
    users,
    actionsPerSecond: actions / seconds,
    reactionsPerSecond: reactions / seconds,
    messagesPerSecond: (actions * shareOf('send')) / seconds,
    pageP50Ms: percentile(pageMs, 50),
    pageP99Ms: percentile(pageMs, 99),
    loginP99Ms: percentile(loginMs, 99),
    deliveryP50Ms: percentile(deliveryMs, 50),
    deliveryP99Ms: percentile(deliveryMs, 99),
    deliveries: deliveryMs.length,
    errors: stats.reduce((sum, one) => sum + one.errors, 0),
    dropped: stats.reduce((sum, one) => sum + one.dropped, 0),
    errorSamples: stats.flatMap((one) => one.errorSamples).slice(0, 3),
    cpu,
    arrivalCpu,
    machineBusyPercent: totalTicks > 0 ? (busyTicks / totalTicks) * 100 : Number.NaN,
  }
  return { ...step, breaches: sloBreaches(step, options.slo) }
}

/**
 * The CPU seconds of every watched process, and when they were read
 */
function cpuNow(watched: WatchedProcess[]) {
  return { at: performance.now(), seconds: watched.map((one) => cpuSeconds(one.pid, one.tree)) }
}

/**
 * The CPU of every watched process since `before`, in percent of one core
 */
function cpuSince(watched: WatchedProcess[], before: ReturnType<typeof cpuNow>): CpuShare[] {
  const seconds = (performance.now() - before.at) / 1000
  return watched.map((one, index) => ({
    label: one.label,
    cpuPercent: ((cpuSeconds(one.pid, one.tree) - before.seconds[index]) / seconds) * 100,
  }))
}

function describeStep(step: RampStep) {
  const busiest = busiestOf(step.cpu)
  return (
    `${step.users} users: ${num(step.actionsPerSecond, 1)} actions/s + ${num(step.reactionsPerSecond, 1)} script req/s, ` +
    `page p99 ${num(step.pageP99Ms)} ms, ` +
    `delivery p99 ${num(step.deliveryP99Ms)} ms, ${step.errors} errors, ${step.dropped} drops, ` +
    `busiest ${busiest?.label} ${num(busiest?.cpuPercent ?? Number.NaN)} % — ` +
    (step.breaches.length ? `SLO broken: ${step.breaches.join('; ')}` : 'SLO held')
  )
}

/**
 * The `p`th percentile of sorted `values` (nearest rank); NaN when empty
 */
function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) {
    return Number.NaN
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

/**
 * Busy and total CPU ticks of the whole machine so far (/proc/stat)
 */
function machineTicks() {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]
    const ticks = line.trim().split(/\s+/).slice(1).map(Number)
    const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0)
    const idle = ticks[3] + ticks[4]
    return { busy: total - idle, total }
  } catch {
    return { busy: Number.NaN, total: Number.NaN }
  }
}

async function collect(workers: Worker[]) {
  return Promise.all(
    workers.map(async (worker) => {
      const reply = nextMessage<{ stats: UserStats }>(worker.child, 'stats', 'generator')
      send(worker.child, { type: 'collect' })
      const { stats } = await reply
      return stats
    })
  )
}

async function stopWorker(worker: Worker) {
  if (worker.child.exitCode !== null) {
    return
  }
  const stopped = nextMessage(worker.child, 'stopped', 'generator').catch(() => {})
  send(worker.child, { type: 'stop' })
  const timeout = setTimeout(() => worker.child.kill('SIGKILL'), 5000)
  await stopped
  clearTimeout(timeout)
}

function send(child: ChildProcess, command: WorkerCommand) {
  child.send(command)
}

function nextMessage<T = unknown>(child: ChildProcess, type: string, name: string) {
  return new Promise<T>((resolve, reject) => {
    const onMessage = (message: { type: string } & T) => {
      if (message.type === type) {
        child.off('message', onMessage)
        child.off('exit', onExit)
        resolve(message)
      }
    }
    const onExit = (code: number | null) => {
      child.off('message', onMessage)
      reject(new Error(`${name} exited with ${code}`))
    }
    child.on('message', onMessage)
    child.once('exit', onExit)
  })
}

/**
 * The process that used the most CPU while the step's users arrived, with its share
 */
function busiestArriving(step: RampStep) {
  const busiest = busiestOf(step.arrivalCpu)
  return busiest ? `${busiest.label} ${num(busiest.cpuPercent)}` : 'n/a'
}

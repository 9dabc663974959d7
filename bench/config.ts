import { MATTERMOST_IDLE, type IdleTiming } from './users/action_mix.js'

/**
 * Timing of one fan-out load step, in milliseconds
 */
export type StepTiming = { warmupMs: number; measureMs: number; drainMs: number }

/**
 * Every size and duration of a run; `--quick` picks the small one
 */
export type Profile = {
  name: 'full' | 'quick'
  /** Bench users (one per client slot of a room) */
  users: number
  /** Load generator processes of the fan-out and scale-out scenarios */
  generators: number
  fanout: {
    rooms: number
    clientsPerRoom: number
    /** Messages per second per room; the first is the target load, the rest the ramp */
    rates: number[]
    target: StepTiming
    ramp: StepTiming
  }
  persistence: { rooms: number; senders: number[]; warmupMs: number; measureMs: number }
  connections: { count: number; settleMs: number }
  /** `repeats`: replays per server, the median is reported */
  resume: { messages: number; repeats: number }
  http: { connections: number; durationSeconds: number }
  scaleOut: { rooms: number; clientsPerRoom: number; rates: number[]; ramp: StepTiming }
  /** The `users` scenario: simulated users ramped until the SLO breaks */
  capacity: {
    rooms: number
    startUsers: number
    stepUsers: number
    maxUsers: number
    stepSeconds: number
    maxSeconds: number
    workers: number
    idle: IdleTiming
  }
}

const FULL: Profile = {
  name: 'full',
  users: 100,
  generators: 2,
  fanout: {
    rooms: 10,
    clientsPerRoom: 100,
    rates: [20, 30, 40, 50, 70, 100, 140, 200],
    target: { warmupMs: 3000, measureMs: 15_000, drainMs: 5000 },
    ramp: { warmupMs: 1000, measureMs: 4000, drainMs: 3000 },
  },
  persistence: { rooms: 10, senders: [1, 10, 100], warmupMs: 1000, measureMs: 8000 },
  connections: { count: 10_000, settleMs: 3000 },
  resume: { messages: 10_000, repeats: 5 },
  http: { connections: 10, durationSeconds: 10 },
  scaleOut: {
    rooms: 10,
    clientsPerRoom: 100,
    rates: [20, 30, 40, 50, 70, 100],
    ramp: { warmupMs: 1000, measureMs: 4000, drainMs: 3000 },
  },
  capacity: {
    rooms: 10,
    startUsers: 50,
    stepUsers: 100,
    maxUsers: 1450,
    stepSeconds: 15,
    maxSeconds: 360,
    workers: 2,
    idle: MATTERMOST_IDLE,
  },
}

const QUICK: Profile = {
  name: 'quick',
  users: 10,
  generators: 2,
  fanout: {
    rooms: 2,
    clientsPerRoom: 10,
    rates: [20],
    target: { warmupMs: 300, measureMs: 1000, drainMs: 1000 },
    ramp: { warmupMs: 300, measureMs: 1000, drainMs: 1000 },
  },
  persistence: { rooms: 2, senders: [10], warmupMs: 300, measureMs: 1000 },
  connections: { count: 200, settleMs: 500 },
  resume: { messages: 1000, repeats: 1 },
  http: { connections: 5, durationSeconds: 1 },
  scaleOut: {
    rooms: 2,
    clientsPerRoom: 10,
    rates: [20],
    ramp: { warmupMs: 300, measureMs: 1000, drainMs: 1000 },
  },
  capacity: {
    rooms: 2,
    startUsers: 4,
    stepUsers: 4,
    maxUsers: 8,
    stepSeconds: 2,
    maxSeconds: 8,
    workers: 1,
    idle: { minMs: 200, avgMs: 1000 },
  },
}

/**
 * Scenario names, in run order
 */
export const SCENARIOS = [
  'fanout',
  'persistence',
  'connections',
  'resume',
  'http',
  'scaleout',
  'users',
] as const

/**
 * One scenario name
 */
export type ScenarioName = (typeof SCENARIOS)[number]

/**
 * Parses `--quick` and `--only=fanout,http` (or `--only fanout,http`) from
 * the command line. Under CI (`CI` set in `env`) only the quick smoke run is
 * allowed: a full run takes minutes and loads the machine.
 */
export function parseArgs(argv: string[], env: Record<string, string | undefined> = {}) {
  const quick = argv.includes('--quick')
  if (!quick && env.CI && env.CI !== 'false') {
    throw new Error('CI runs only the quick smoke bench (npm run bench -- --quick)')
  }
  const only =
    argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length) ??
    (argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined)
  const selected = only ? only.split(',') : [...SCENARIOS]
  const unknown = selected.filter((name) => !SCENARIOS.includes(name as ScenarioName))
  if (unknown.length > 0) {
    throw new Error(`unknown scenario ${unknown.join(', ')}; known: ${SCENARIOS.join(', ')}`)
  }
  // Run order is SCENARIOS' whatever the order asked: `users` resets the bench users' tokens
  const scenarios = SCENARIOS.filter((name) => selected.includes(name))
  return { profile: quick ? QUICK : FULL, scenarios }
}

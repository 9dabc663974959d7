import { brokenBy, closeRooms, connectRooms, runRamp, type FanoutStep } from './fanout_load.js'
import { GeneratorPool } from '../generator/generator_pool.js'
import { totalOf } from '../lib/resource_meter.js'
import { num, ratio, type Table } from '../lib/table.js'
import { checkTarget } from '../lib/targets.js'
import type { ChatTarget } from '../clients/chat_target.js'
import type { Stack } from '../stack/stack.js'
import type { Profile } from '../config.js'
import type { ScenarioResult } from './scenario.js'

/**
 * CPU of the server, PostgreSQL and the load generator in one step
 */
function cpuOf(step: FanoutStep) {
  const cpu = (role: 'server' | 'database' | 'client') =>
    num(totalOf(step.resources, role).cpuPercent)
  return `CPU server ${cpu('server')}%, PG ${cpu('database')}%, generator ${cpu('client')}%`
}

/**
 * Where a ramp stopped, and whether the peers' figures are floors
 */
function whyMissed(run: TargetRun, wsRun: TargetRun, ioRun: TargetRun) {
  const last = run.steps.at(-1)!
  const stop = run.topped
    ? 'sustained every rate'
    : `broke at ${last.rate} msg/s/room (p99 ${num(last.latencyMs.p99, 1)} ms, ${num(last.deliveredRatio * 100, 1)}% delivered, ${num(last.incompleteMessages)} messages incomplete; ${cpuOf(last)})`
  const floors = [wsRun, ioRun].filter((peer) => peer.topped).map((peer) => peer.target.name)
  return floors.length > 0 ? `${stop}; ${floors.join(' and ')} sustained every rate (floor)` : stop
}

type TargetRun = { target: ChatTarget; steps: FanoutStep[]; maxSustained: number; topped: boolean }

/**
 * Scenario 1: R rooms × C clients, each room receiving M msg/s, against
 * roomchat in-process and standalone, the bare ws ceiling and Socket.IO;
 * then the rate ramps until a server no longer keeps up
 */
export async function fanoutScenario(
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
): Promise<ScenarioResult> {
  const { rooms, clientsPerRoom, rates } = profile.fanout
  const roomIds = stack.rooms.fanout.slice(0, rooms)
  const { inProcess, standalone, ws, socketIo } = stack.targets
  const runs: TargetRun[] = []
  const pool = await GeneratorPool.start(profile.generators)
  try {
    for (const target of [inProcess, standalone, ws, socketIo]) {
      log(
        `fan-out: ${target.name}, ${rooms} × ${clientsPerRoom} clients from ${pool.size} generator processes, ${rates.join('/')} msg/s per room`
      )
      const loadRooms = await connectRooms(pool, target, stack.users, roomIds, clientsPerRoom)
      const ramp = await runRamp(
        pool,
        target,
        loadRooms,
        rates,
        { first: profile.fanout.target, ramp: profile.fanout.ramp },
        `f${runs.length}`
      )
      await closeRooms(pool)
      runs.push({
        target,
        steps: ramp.steps,
        maxSustained: ramp.maxSustainedDeliveriesPerSecond,
        topped: ramp.topped,
      })
    }
  } finally {
    await pool.stop()
  }

  const byKind = (run: TargetRun) => run.target.kind
  const wsRun = runs.find((run) => byKind(run) === 'ws')!
  const ioRun = runs.find((run) => byKind(run) === 'socketio')!
  const efficiency = (step: FanoutStep) =>
    step.deliveriesPerSecond / (totalOf(step.resources, 'server').cpuPercent / 100)
  const shape = `${rooms} rooms × ${clientsPerRoom} clients × ${rates[0]} msg/s per room`

  const loadTable: Table = {
    title: `Fan-out at the target load: ${shape} (${num(rooms * rates[0] * clientsPerRoom)} deliveries/s offered)`,
    headers: [
      'server',
      'deliveries/s',
      'delivered',
      'incomplete msgs',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'server CPU %',
      'server RSS MiB',
      'PG CPU %',
      'deliv/CPU-s',
      'client CPU %',
    ],
    rows: runs.map((run) => {
      const step = run.steps[0]
      const server = totalOf(step.resources, 'server')
      return [
        run.target.name,
        num(step.deliveriesPerSecond),
        `${num(step.deliveredRatio * 100, 1)}%`,
        num(step.incompleteMessages),
        num(step.latencyMs.p50, 1),
        num(step.latencyMs.p95, 1),
        num(step.latencyMs.p99, 1),
        num(server.cpuPercent),
        num(server.rssMiB),
        num(totalOf(step.resources, 'database').cpuPercent),
        num(efficiency(step)),
        num(totalOf(step.resources, 'client').cpuPercent),
      ]
    }),
    notes: [
      'incomplete msgs: measured messages that did not reach every client of their room (each copy is checked)',
      'deliv/CPU-s: deliveries per second of server CPU (chat process only), the capacity one core would have',
      'PG CPU: the embedded PostgreSQL and all its backends; the peers persist nothing',
    ],
  }

  const rampTable: Table = {
    title:
      'Fan-out ramp (stops after the first step a server did not sustain: every message to every client, p99 ≤ 1 s)',
    headers: [
      'server',
      'msg/s/room',
      'deliveries/s',
      'delivered',
      'p99 ms',
      'server CPU %',
      'PG CPU %',
      'client CPU %',
      'sustained',
    ],
    rows: runs.flatMap((run) =>
      run.steps.map((step) => [
        run.target.name,
        num(step.rate),
        num(step.deliveriesPerSecond),
        `${num(step.deliveredRatio * 100, 1)}%`,
        num(step.latencyMs.p99, 1),
        num(totalOf(step.resources, 'server').cpuPercent),
        num(totalOf(step.resources, 'database').cpuPercent),
        num(totalOf(step.resources, 'client').cpuPercent),
        step.sustained ? 'yes' : `no${brokenBy(step)}`,
      ])
    ),
  }

  const ratioTable: Table = {
    title: 'Fan-out ratios (same run)',
    headers: [
      'server',
      'max sustained deliv/s',
      'vs bare ws',
      'vs Socket.IO',
      'deliv/CPU-s',
      'vs bare ws',
      'vs Socket.IO',
    ],
    rows: runs.map((run) => [
      run.target.name,
      `${run.topped ? '≥ ' : ''}${num(run.maxSustained)}`,
      ratio(run.maxSustained, wsRun.maxSustained),
      ratio(run.maxSustained, ioRun.maxSustained),
      num(efficiency(run.steps[0])),
      ratio(efficiency(run.steps[0]), efficiency(wsRun.steps[0])),
      ratio(efficiency(run.steps[0]), efficiency(ioRun.steps[0])),
    ]),
    notes: [
      '"≥": every offered rate was sustained, so the figure is a floor (the load generator shares the machine)',
    ],
  }

  const checks = runs
    .filter((run) => run.target.kind === 'roomchat')
    .flatMap((run) => {
      const why = whyMissed(run, wsRun, ioRun)
      const p99 = run.steps[0].latencyMs.p99
      const wsP99 = wsRun.steps[0].latencyMs.p99
      return [
        checkTarget(
          `fan-out ≥ 0.8 × bare ws (${run.target.name}, max sustained)`,
          run.maxSustained / wsRun.maxSustained,
          run.maxSustained / wsRun.maxSustained >= 0.8,
          '×',
          why
        ),
        checkTarget(
          `fan-out ≥ 1.5 × Socket.IO (${run.target.name}, max sustained)`,
          run.maxSustained / ioRun.maxSustained,
          run.maxSustained / ioRun.maxSustained >= 1.5,
          '×',
          why
        ),
        checkTarget(
          `p99 ≤ 3 × bare ws at ${shape} (${run.target.name})`,
          p99 / wsP99,
          p99 <= 3 * wsP99 && run.steps[0].sustained,
          '×',
          `p99 ${num(p99, 1)} ms vs bare ws ${num(wsP99, 1)} ms, ${num(run.steps[0].deliveredRatio * 100, 1)}% delivered${brokenBy(run.steps[0])}; ${cpuOf(run.steps[0])}`
        ),
      ]
    })

  return {
    tables: [loadTable, rampTable, ratioTable],
    figures: {
      shape: { rooms, clientsPerRoom, rates },
      runs: runs.map((run) => ({
        server: run.target.name,
        maxSustainedDeliveriesPerSecond: run.maxSustained,
        everyRateSustained: run.topped,
        steps: run.steps,
      })),
    },
    checks,
  }
}

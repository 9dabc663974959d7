import { ResourceMeter, type ResourceUsage } from '../lib/resource_meter.js'
import { sleep } from '../lib/wait.js'
import { num } from '../lib/table.js'
import { epochNow, firstMeasured, totalMessages } from '../generator/step_plan.js'
import type { GeneratorPool } from '../generator/generator_pool.js'
import type { ChatTarget } from '../clients/chat_target.js'
import type { BenchUser } from '../stack/bench_database.js'
import type { StepTiming } from '../config.js'

/**
 * The rooms a ramp loads: their ids and how many clients each holds
 */
export type LoadRooms = { ids: number[]; clientsPerRoom: number }

/**
 * What one load step measured
 */
export type FanoutStep = {
  /** Offered messages per second per room */
  rate: number
  sent: number
  expectedDeliveries: number
  deliveries: number
  deliveriesPerSecond: number
  deliveredRatio: number
  /** Measured messages at least one client of their room did not receive */
  incompleteMessages: number
  /** Deliveries of a message a client had already received */
  duplicates: number
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number }
  sendErrors: number
  lostClients: number
  resources: ResourceUsage[]
  /** Every measured message reached every client of its room, p99 ≤ 1 s, no refused send, no dropped socket */
  sustained: boolean
}

/** A sender stays below the chat's shipped limit of 10 frames/s per socket */
const RATE_PER_SENDER = 8
/** Time for the step plan to reach every generator process before it starts */
const START_DELAY_MS = 300

/**
 * Opens `clientsPerRoom` clients in each room from the generator processes
 * (client j is user j, on node j mod nodes) and joins them; resolves once
 * every client is joined
 */
export async function connectRooms(
  pool: GeneratorPool,
  target: ChatTarget,
  users: BenchUser[],
  roomIds: number[],
  clientsPerRoom: number
): Promise<LoadRooms> {
  await pool.connect(target, users, roomIds, clientsPerRoom)
  return { ids: roomIds, clientsPerRoom }
}

/**
 * Closes every client of the rooms
 */
export async function closeRooms(pool: GeneratorPool) {
  await pool.closeClients()
  await sleep(500)
}

/**
 * Sleeps until the wall clock (epoch ms) reads `at`
 */
function sleepUntil(at: number) {
  return sleep(Math.max(0, at - epochNow()))
}

/**
 * Sends `rate` messages/s into every room (open loop, spread over the room's
 * first ⌈rate / 8⌉ clients, from the generator processes that hold them) for
 * warm-up + measure, then waits for the deliveries of the measured messages.
 * Latency: from the send call to each receiver, sender included; every
 * client's copy of every measured message is checked.
 */
export async function runFanoutStep(
  pool: GeneratorPool,
  target: ChatTarget,
  rooms: LoadRooms,
  rate: number,
  timing: StepTiming,
  tag: string
): Promise<FanoutStep> {
  const plan = {
    tag,
    rate,
    senders: Math.min(rooms.clientsPerRoom, Math.ceil(rate / RATE_PER_SENDER)),
    clientsPerRoom: rooms.clientsPerRoom,
    startAt: epochNow() + START_DELAY_MS,
    ...timing,
  }
  const done = pool.runStep(plan)
  const meter = new ResourceMeter([...target.metered, ...pool.metered])
  await sleepUntil(plan.startAt + plan.warmupMs)
  meter.start()
  await sleepUntil(plan.startAt + plan.warmupMs + plan.measureMs)
  const resources = meter.stop()
  const report = await done

  const measuredPerRoom = totalMessages(plan) - firstMeasured(plan)
  const expectedDeliveries = measuredPerRoom * rooms.ids.length * rooms.clientsPerRoom
  const latencyMs = report.histogram.summary()
  const deliveredRatio = expectedDeliveries ? report.deliveries / expectedDeliveries : Number.NaN
  return {
    rate,
    sent: report.sent,
    expectedDeliveries,
    deliveries: report.deliveries,
    deliveriesPerSecond: report.deliveries / (measuredPerRoom / rate),
    deliveredRatio,
    incompleteMessages: report.incompleteMessages,
    duplicates: report.duplicates,
    latencyMs,
    sendErrors: report.sendErrors,
    lostClients: report.lostClients,
    resources,
    sustained:
      report.incompleteMessages === 0 &&
      report.deliveries === expectedDeliveries &&
      latencyMs.p99 <= 1000 &&
      report.sendErrors === 0 &&
      report.lostClients === 0,
  }
}

/**
 * What made a step unsustained besides latency, in parentheses (empty when nothing)
 */
export function brokenBy(step: FanoutStep) {
  const reasons = [
    step.incompleteMessages ? `${num(step.incompleteMessages)} messages incomplete` : '',
    step.sendErrors ? `${num(step.sendErrors)} sends refused` : '',
    step.lostClients ? `${num(step.lostClients)} sockets dropped` : '',
  ].filter(Boolean)
  return reasons.length ? ` (${reasons.join(', ')})` : ''
}

/**
 * Runs the first rate with the target timing, then the others with the ramp
 * timing, stopping after the first step the target did not sustain
 */
export async function runRamp(
  pool: GeneratorPool,
  target: ChatTarget,
  rooms: LoadRooms,
  rates: number[],
  timing: { first: StepTiming; ramp: StepTiming },
  tag: string
) {
  const steps: FanoutStep[] = []
  for (const [index, rate] of rates.entries()) {
    const step = await runFanoutStep(
      pool,
      target,
      rooms,
      rate,
      index === 0 ? timing.first : timing.ramp,
      `${tag}${index}`
    )
    steps.push(step)
    if (!step.sustained) {
      break
    }
    await sleep(300)
  }
  const sustained = steps.filter((step) => step.sustained)
  return {
    steps,
    maxSustainedDeliveriesPerSecond: sustained.length
      ? Math.max(...sustained.map((step) => step.deliveriesPerSecond))
      : 0,
    /** True when even the highest offered rate was sustained (the figure is a floor) */
    topped: sustained.length === rates.length,
  }
}

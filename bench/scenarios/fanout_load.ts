import { Histogram } from '../lib/histogram.js'
import { ResourceMeter, type ResourceUsage } from '../lib/resource_meter.js'
import { mapConcurrent, sleep } from '../lib/wait.js'
import type { ChatTarget } from '../clients/chat_target.js'
import type { LoadClient } from '../clients/load_client.js'
import type { BenchUser } from '../stack/bench_database.js'
import type { StepTiming } from '../config.js'

/**
 * The clients of one room: all receive, the first few also send
 */
export type LoadRoom = { id: number; clients: LoadClient[] }

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
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number }
  sendErrors: number
  lostClients: number
  resources: ResourceUsage[]
  /** ≥ 99 % delivered, p99 ≤ 1 s, no refused send, no dropped socket */
  sustained: boolean
}

/** A sender stays below the chat's shipped limit of 10 frames/s per socket */
const RATE_PER_SENDER = 8
const TICK_MS = 5
const CONNECT_CONCURRENCY = 50
const TEXT = 'A fan-out message from the bench, about the length of a chat line.'

/**
 * Opens `clientsPerRoom` clients in each room (client j is user j, on node
 * j mod nodes) and joins them; resolves once every client is joined
 */
export async function connectRooms(
  target: ChatTarget,
  users: BenchUser[],
  roomIds: number[],
  clientsPerRoom: number
): Promise<LoadRoom[]> {
  const slots = roomIds.flatMap((room) =>
    Array.from({ length: clientsPerRoom }, (_, index) => ({ room, index }))
  )
  const clients = await mapConcurrent(slots, CONNECT_CONCURRENCY, async (slot) => {
    const client = await target.open(
      users[slot.index % users.length],
      slot.index % target.nodeCount
    )
    await client.join(slot.room)
    return client
  })
  return roomIds.map((id, room) => ({
    id,
    clients: clients.slice(room * clientsPerRoom, (room + 1) * clientsPerRoom),
  }))
}

/**
 * Closes every client of the rooms
 */
export async function closeRooms(rooms: LoadRoom[]) {
  rooms.forEach((room) => room.clients.forEach((client) => client.close()))
  await sleep(500)
}

/**
 * Sends `rate` messages/s into every room (open loop, spread over the room's
 * senders) for warm-up + measure, then waits for the deliveries of the
 * measured messages. Latency: from the send call to each receiver, sender
 * included.
 */
export async function runFanoutStep(
  target: ChatTarget,
  rooms: LoadRoom[],
  rate: number,
  timing: StepTiming,
  tag: string
): Promise<FanoutStep> {
  const sentAt = new Map<string, number>()
  const histogram = new Histogram()
  let deliveries = 0
  let sendErrors = 0
  for (const room of rooms) {
    for (const client of room.clients) {
      client.onDelivery = (clientId) => {
        const at = sentAt.get(clientId)
        if (at !== undefined) {
          deliveries++
          histogram.record(performance.now() - at)
        }
      }
    }
  }

  const senders = rooms.map((room) =>
    room.clients.slice(0, Math.min(room.clients.length, Math.ceil(rate / RATE_PER_SENDER)))
  )
  const counts = rooms.map(() => 0)
  const start = performance.now()
  const measureFrom = start + timing.warmupMs
  const measureUntil = measureFrom + timing.measureMs
  let meter: ResourceMeter | null = null
  let expectedDeliveries = 0

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      if (now >= measureUntil) {
        return resolve()
      }
      if (!meter && now >= measureFrom) {
        meter = new ResourceMeter(target.metered).start()
      }
      const due = Math.floor((rate * (now - start)) / 1000)
      rooms.forEach((room, index) => {
        const burst = Math.min(due - counts[index], Math.max(1, rate))
        for (let sent = 0; sent < burst; sent++) {
          const number = counts[index]++
          const clientId = `${tag}-${room.id}-${number}`
          if (now >= measureFrom) {
            sentAt.set(clientId, now)
            expectedDeliveries += room.clients.length
          }
          const sender = senders[index][number % senders[index].length]
          sender.send(room.id, clientId, TEXT).catch(() => sendErrors++)
        }
      })
      setTimeout(tick, TICK_MS)
    }
    tick()
  })
  const resources = (meter as ResourceMeter | null)?.stop() ?? []

  const drainUntil = performance.now() + timing.drainMs
  while (deliveries < expectedDeliveries && performance.now() < drainUntil) {
    await sleep(20)
  }
  rooms.forEach((room) => room.clients.forEach((client) => (client.onDelivery = null)))

  const latencyMs = histogram.summary()
  const lostClients = rooms.reduce(
    (lost, room) => lost + room.clients.filter((client) => client.lost).length,
    0
  )
  const deliveredRatio = expectedDeliveries ? deliveries / expectedDeliveries : Number.NaN
  return {
    rate,
    sent: sentAt.size,
    expectedDeliveries,
    deliveries,
    deliveriesPerSecond: deliveries / (timing.measureMs / 1000),
    deliveredRatio,
    latencyMs,
    sendErrors,
    lostClients,
    resources,
    sustained:
      deliveredRatio >= 0.99 && latencyMs.p99 <= 1000 && sendErrors === 0 && lostClients === 0,
  }
}

/**
 * Runs the first rate with the target timing, then the others with the ramp
 * timing, stopping after the first step the target did not sustain
 */
export async function runRamp(
  target: ChatTarget,
  rooms: LoadRoom[],
  rates: number[],
  timing: { first: StepTiming; ramp: StepTiming },
  tag: string
) {
  const steps: FanoutStep[] = []
  for (const [index, rate] of rates.entries()) {
    const step = await runFanoutStep(
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

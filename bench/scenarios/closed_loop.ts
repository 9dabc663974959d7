import { Histogram } from '../lib/histogram.js'
import { ResourceMeter, type MeteredProcess, type ResourceUsage } from '../lib/resource_meter.js'

/**
 * What a closed-loop run measured: completed operations per second and
 * their latency, over the measured window only
 */
export type ClosedLoopResult = {
  workers: number
  completed: number
  perSecond: number
  errors: number
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number }
  resources: ResourceUsage[]
}

/**
 * Runs `workers` loops of `operation` back to back (each waits for its
 * previous one) for warm-up + measure; counts what completed in the window
 */
export async function runClosedLoop(
  workers: number,
  operation: (worker: number, sequence: number) => Promise<unknown>,
  timing: { warmupMs: number; measureMs: number },
  metered: MeteredProcess[]
): Promise<ClosedLoopResult> {
  const histogram = new Histogram()
  const start = performance.now()
  const measureFrom = start + timing.warmupMs
  const measureUntil = measureFrom + timing.measureMs
  let completed = 0
  let errors = 0
  let meter: ResourceMeter | null = null
  const meterTimer = setTimeout(() => (meter = new ResourceMeter(metered).start()), timing.warmupMs)

  const loop = async (worker: number) => {
    for (let sequence = 0; performance.now() < measureUntil; sequence++) {
      const began = performance.now()
      try {
        await operation(worker, sequence)
      } catch {
        errors++
        continue
      }
      const ended = performance.now()
      if (began >= measureFrom && ended <= measureUntil) {
        completed++
        histogram.record(ended - began)
      }
    }
  }
  await Promise.all(Array.from({ length: workers }, (_, worker) => loop(worker)))
  clearTimeout(meterTimer)
  const resources = (meter as ResourceMeter | null)?.stop() ?? []
  return {
    workers,
    completed,
    perSecond: completed / (timing.measureMs / 1000),
    errors,
    latencyMs: histogram.summary(),
    resources,
  }
}

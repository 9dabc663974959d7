/**
 * What users must get for a load step to count as served
 */
export type Slo = {
  /** p99 of page and JSON requests, ms */
  pageP99Ms: number
  /** p99 from a message's send to its arrival at another user, ms */
  deliveryP99Ms: number
}

/**
 * The default service level: p99 page < 1 s, p99 delivery < 500 ms (and,
 * always, no error and no dropped socket or stream)
 */
export const DEFAULT_SLO: Slo = { pageP99Ms: 1000, deliveryP99Ms: 500 }

/**
 * What one load step measured
 */
export type StepStats = {
  users: number
  pageP99Ms: number
  deliveryP99Ms: number
  errors: number
  dropped: number
}

/**
 * Every way `step` broke `slo`, in words; empty when it held. A step with no
 * sample of a latency (NaN) does not break it.
 */
export function sloBreaches(step: StepStats, slo: Slo = DEFAULT_SLO) {
  const breaches: string[] = []
  if (step.pageP99Ms >= slo.pageP99Ms) {
    breaches.push(`p99 page ${Math.round(step.pageP99Ms)} ms ≥ ${slo.pageP99Ms} ms`)
  }
  if (step.deliveryP99Ms >= slo.deliveryP99Ms) {
    breaches.push(`p99 delivery ${Math.round(step.deliveryP99Ms)} ms ≥ ${slo.deliveryP99Ms} ms`)
  }
  if (step.errors > 0) {
    breaches.push(`${step.errors} error(s)`)
  }
  if (step.dropped > 0) {
    breaches.push(`${step.dropped} socket(s) or stream(s) dropped`)
  }
  return breaches
}

/**
 * The most users a step served within `slo` before the first step that
 * broke it (0 when the first one did); `broken` is false when no step broke
 * it, and the ceiling is then only a floor
 */
export function ceilingOf(steps: StepStats[], slo: Slo = DEFAULT_SLO) {
  let ceiling = 0
  for (const step of steps) {
    const breaches = sloBreaches(step, slo)
    if (breaches.length > 0) {
      return { users: ceiling, broken: true, breaches }
    }
    ceiling = step.users
  }
  return { users: ceiling, broken: false, breaches: [] as string[] }
}

/**
 * CPU of one process over a step, in percent of one core
 */
export type CpuShare = { label: string; cpuPercent: number }

/**
 * The first resource to run out at the breaking step: the machine's CPU when
 * it was (nearly) all busy, naming the busiest process; one process when it
 * alone filled a core (Node runs JavaScript on one), in the measured load or
 * while the step's users arrived (logins and first pages, whose backlog the
 * measured load then inherits); otherwise no CPU limit (the wait was
 * elsewhere: locks, pool, disk)
 */
export function firstResourceOut(
  processes: CpuShare[],
  machineBusyPercent: number,
  cores: number,
  arriving: CpuShare[] = []
) {
  const busiest = busiestOf(processes)
  if (machineBusyPercent >= 90) {
    return `machine CPU (${Math.round(machineBusyPercent)} % of ${cores} cores busy; busiest: ${busiest?.label ?? 'n/a'})`
  }
  if (busiest && busiest.cpuPercent >= 90) {
    return `one core for ${busiest.label} (${Math.round(busiest.cpuPercent)} %)`
  }
  const busiestArriving = busiestOf(arriving)
  if (busiestArriving && busiestArriving.cpuPercent >= 90) {
    const steady = processes.find((one) => one.label === busiestArriving.label)
    return `one core for ${busiestArriving.label} while the users arrived (${Math.round(busiestArriving.cpuPercent)} %: logins and first pages; ${Math.round(steady?.cpuPercent ?? 0)} % under the measured load)`
  }
  return `not CPU (machine ${Math.round(machineBusyPercent)} % busy): waits elsewhere (database locks, pool, I/O)`
}

/**
 * The process that used the most CPU, if any
 */
export function busiestOf(processes: CpuShare[]) {
  return [...processes].sort((a, b) => b.cpuPercent - a.cpuPercent)[0]
}

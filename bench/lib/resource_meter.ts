import { cpuSeconds, procAvailable, rssBytes } from './proc_usage.js'

/**
 * A process (or process tree) whose CPU and memory a scenario reports
 */
export type MeteredProcess = {
  label: string
  pid: number
  /** Include every descendant (PostgreSQL's backends) */
  tree?: boolean
  role: 'server' | 'database' | 'client'
}

/**
 * CPU and memory of one metered process over a window
 */
export type ResourceUsage = {
  label: string
  role: MeteredProcess['role']
  /** CPU time over wall time, in percent of one core (200 = two cores busy) */
  cpuPercent: number
  cpuSeconds: number
  /** RSS when the window closed (still under load) */
  rssMiB: number
}

const MIB = 1024 * 1024

/**
 * Measures CPU seconds between `start()` and `stop()` and RSS at `stop()`
 * from /proc, reading nothing in between so the load generator's event loop
 * is never stalled; the bench process itself is reported as "bench client"
 * so a saturated load generator is visible
 */
export class ResourceMeter {
  #startedAt = 0
  #cpuAtStart: number[] = []
  #clientCpuAtStart = process.cpuUsage()

  constructor(private readonly processes: MeteredProcess[]) {}

  /**
   * Opens the window
   */
  start() {
    this.#startedAt = performance.now()
    this.#clientCpuAtStart = process.cpuUsage()
    this.#cpuAtStart = this.processes.map((one) =>
      procAvailable ? cpuSeconds(one.pid, one.tree) : Number.NaN
    )
    return this
  }

  /**
   * Closes the window and returns one row per process plus the bench client
   */
  stop(): ResourceUsage[] {
    const wallSeconds = (performance.now() - this.#startedAt) / 1000
    const rows: ResourceUsage[] = this.processes.map((one, index) => {
      const used = procAvailable
        ? cpuSeconds(one.pid, one.tree) - this.#cpuAtStart[index]
        : Number.NaN
      return {
        label: one.label,
        role: one.role,
        cpuSeconds: used,
        cpuPercent: (used / wallSeconds) * 100,
        rssMiB: (procAvailable ? rssBytes(one.pid, one.tree) : Number.NaN) / MIB,
      }
    })
    const client = process.cpuUsage(this.#clientCpuAtStart)
    const clientSeconds = (client.user + client.system) / 1e6
    rows.push({
      label: 'bench client',
      role: 'client',
      cpuSeconds: clientSeconds,
      cpuPercent: (clientSeconds / wallSeconds) * 100,
      rssMiB: process.memoryUsage.rss() / MIB,
    })
    return rows
  }
}

/**
 * CPU percent and RSS summed over the rows of one role
 */
export function totalOf(rows: ResourceUsage[], role: ResourceUsage['role']) {
  const picked = rows.filter((row) => row.role === role)
  const sum = (pick: (row: ResourceUsage) => number) =>
    picked.length ? picked.reduce((total, row) => total + pick(row), 0) : Number.NaN
  return {
    cpuPercent: sum((row) => row.cpuPercent),
    cpuSeconds: sum((row) => row.cpuSeconds),
    rssMiB: sum((row) => row.rssMiB),
  }
}

import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'

/**
 * The machine a run measured, stored with its figures
 */
export function describeMachine() {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: +(totalmem() / 1024 ** 3).toFixed(1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  }
}

/**
 * 1-minute load average: above ~0.5 on an idle bench, something else is
 * competing for the CPUs and every figure is lower than it should be
 */
export function loadAverage() {
  return +loadavg()[0].toFixed(2)
}

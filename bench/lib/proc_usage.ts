import { readdirSync, readFileSync } from 'node:fs'

/** Kernel clock ticks per second (USER_HZ), 100 on every mainstream Linux */
const TICKS_PER_SECOND = 100

type ProcStat = { ppid: number; ownTicks: number; childTicks: number }

/**
 * utime/stime (own) and cutime/cstime (reaped children) of a process, or null when gone
 */
function readStat(pid: number): ProcStat | null {
  let raw: string
  try {
    raw = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ')
  /* fields[0] is field 3 (state) of proc(5) */
  return {
    ppid: Number(fields[1]),
    ownTicks: Number(fields[11]) + Number(fields[12]),
    childTicks: Number(fields[13]) + Number(fields[14]),
  }
}

/**
 * True when this machine exposes /proc (Linux); the meters report nothing elsewhere
 */
export const procAvailable = (() => {
  try {
    readFileSync('/proc/self/stat')
    return true
  } catch {
    return false
  }
})()

/**
 * Live descendants of `root` (children, grandchildren…) from one scan of /proc
 */
function descendantsOf(root: number) {
  const parentOf = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid)) {
      continue
    }
    const stat = readStat(pid)
    if (stat) {
      parentOf.set(pid, stat.ppid)
    }
  }
  const found: number[] = []
  let frontier = [root]
  while (frontier.length > 0) {
    const next: number[] = []
    for (const [pid, ppid] of parentOf) {
      if (frontier.includes(ppid)) {
        next.push(pid)
      }
    }
    found.push(...next)
    frontier = next
  }
  return found
}

/**
 * CPU seconds used so far by a process, or with `tree` by it and every
 * descendant, dead (reaped) or alive
 */
export function cpuSeconds(pid: number, tree = false) {
  const root = readStat(pid)
  if (!root) {
    return Number.NaN
  }
  let ticks = root.ownTicks
  if (tree) {
    ticks += root.childTicks
    for (const child of descendantsOf(pid)) {
      const stat = readStat(child)
      ticks += stat ? stat.ownTicks + stat.childTicks : 0
    }
  }
  return ticks / TICKS_PER_SECOND
}

/**
 * Resident set size in bytes (VmRSS), summed over descendants with `tree`
 */
export function rssBytes(pid: number, tree = false): number {
  const pids = tree ? [pid, ...descendantsOf(pid)] : [pid]
  let total = 0
  for (const one of pids) {
    try {
      const status = readFileSync(`/proc/${one}/status`, 'utf8')
      const match = /^VmRSS:\s+(\d+) kB/m.exec(status)
      total += match ? Number(match[1]) * 1024 : 0
    } catch {
      /* the process exited between the scan and the read */
    }
  }
  return total
}

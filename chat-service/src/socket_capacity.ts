import { readFileSync, readdirSync } from 'node:fs'

/**
 * File descriptors a process keeps free of sockets: database pool, bus,
 * HTTP requests, logs. Sockets are capped at the open-files limit minus this.
 */
const FD_RESERVE = 128

/**
 * Below this many free file descriptors a process reports itself not ready
 */
export const FD_LOW_WATER = FD_RESERVE / 2

/**
 * Why an upgrade is refused for capacity: 429 the user holds their share of
 * sockets, 503 this process holds all it may
 */
type CapacityRefusal = 429 | 503

/**
 * What a readiness probe reports about the chat of this process
 */
export type ChatCapacityState = {
  sockets: number
  maxSockets: number
  /** False at the socket cap or with fewer than FD_LOW_WATER descriptors left */
  accepting: boolean
}

/**
 * Counts this process's sockets, overall and per user, against their caps.
 * The process cap is `maxSockets`, lowered to fit under the open-files
 * limit (RLIMIT_NOFILE, read from /proc on Linux).
 */
export class SocketCapacity {
  readonly maxSockets: number
  #total = 0
  #perUser = new Map<number, number>()

  constructor(
    maxSockets: number,
    private readonly maxSocketsPerUser: number
  ) {
    const fdLimit = openFilesLimit()
    this.maxSockets = fdLimit === null ? maxSockets : Math.min(maxSockets, fdLimit - FD_RESERVE)
  }

  /**
   * Why one more socket (for `user`, when known) would not fit, or null
   */
  refusal(user?: number): CapacityRefusal | null {
    if (this.#total >= this.maxSockets) {
      return 503
    }
    if (user !== undefined && (this.#perUser.get(user) ?? 0) >= this.maxSocketsPerUser) {
      return 429
    }
    return null
  }

  /**
   * Counts a socket of `user` that opened
   */
  opened(user: number) {
    this.#total++
    this.#perUser.set(user, (this.#perUser.get(user) ?? 0) + 1)
  }

  /**
   * Counts a socket of `user` that closed
   */
  closed(user: number) {
    this.#total--
    const left = (this.#perUser.get(user) ?? 1) - 1
    if (left === 0) {
      this.#perUser.delete(user)
    } else {
      this.#perUser.set(user, left)
    }
  }

  /**
   * Sockets, cap, and whether another socket could be accepted (reading the
   * open descriptors and their current limit, which only a probe pays for)
   */
  state(): ChatCapacityState {
    const fdLimit = openFilesLimit()
    const open = fdLimit === null ? null : openFileCount()
    const fdsLeft = open === null || fdLimit === null ? null : fdLimit - open
    return {
      sockets: this.#total,
      maxSockets: this.maxSockets,
      accepting: this.#total < this.maxSockets && (fdsLeft === null || fdsLeft >= FD_LOW_WATER),
    }
  }
}

/**
 * The soft limit on open files of this process, or null where /proc cannot tell
 */
function openFilesLimit() {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8')
    const soft = limits.match(/^Max open files\s+(\d+)/m)?.[1]
    return soft ? Number(soft) : null
  } catch {
    return null
  }
}

/**
 * Descriptors this process has open, or null where /proc cannot tell
 */
function openFileCount() {
  try {
    return readdirSync('/proc/self/fd').length
  } catch {
    return null
  }
}

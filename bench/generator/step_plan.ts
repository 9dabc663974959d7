/**
 * One fan-out load step as every generator process sees it: the same
 * deterministic schedule, so no process needs to be told message by message
 * who sends what. Message n of a room is due at `startAt + n / rate`, sent by
 * the room's sender n mod `senders`; messages due in the measured window are
 * measured, the warm-up ones only sent.
 */
export type StepPlan = {
  /** Unique per step: deliveries of another step's messages are ignored */
  tag: string
  /** Messages per second per room */
  rate: number
  /** Clients per room that send (client index 0 … senders − 1) */
  senders: number
  /** Clients per room (every one receives every message of its room) */
  clientsPerRoom: number
  /** Wall-clock start (epoch ms, `epochNow()`), the same for every process */
  startAt: number
  warmupMs: number
  measureMs: number
  drainMs: number
}

/**
 * Wall-clock milliseconds with sub-millisecond precision; comparable across
 * the processes of one machine (monotonic since each process's start)
 */
export function epochNow() {
  return performance.timeOrigin + performance.now()
}

/**
 * Messages every room gets in the step (warm-up included)
 */
export function totalMessages(plan: StepPlan) {
  return Math.ceil((plan.rate * (plan.warmupMs + plan.measureMs)) / 1000)
}

/**
 * Number of the first measured message of a room (those before are warm-up)
 */
export function firstMeasured(plan: StepPlan) {
  return Math.ceil((plan.rate * plan.warmupMs) / 1000)
}

/**
 * Messages of a room due by `now` (epoch ms), never more than the step has
 */
export function dueBy(plan: StepPlan, now: number) {
  const due = Math.floor((plan.rate * (now - plan.startAt)) / 1000) + 1
  return Math.max(0, Math.min(totalMessages(plan), due))
}

/**
 * The client_id of message `n` sent at `sentAt` (epoch ms): the receivers
 * read the step, the number and the send time from it (≤ 64 characters)
 */
export function messageClientId(plan: StepPlan, n: number, sentAt: number) {
  return `${plan.tag}-${n}-${sentAt.toFixed(3)}`
}

/**
 * Number and send time of a message of this step, or null for another
 * step's message (or any other client_id)
 */
export function parseClientId(plan: StepPlan, clientId: string) {
  const prefix = plan.tag.length + 1
  if (!clientId.startsWith(plan.tag) || clientId[plan.tag.length] !== '-') {
    return null
  }
  const dash = clientId.indexOf('-', prefix)
  if (dash < 0) {
    return null
  }
  const n = Number(clientId.slice(prefix, dash))
  const sentAt = Number(clientId.slice(dash + 1))
  return Number.isInteger(n) && Number.isFinite(sentAt) ? { n, sentAt } : null
}

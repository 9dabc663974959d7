import type { TargetSpec } from '../clients/chat_target.js'
import type { HistogramSnapshot } from '../lib/histogram.js'
import type { StepPlan } from './step_plan.js'

/**
 * One client a generator process opens: client `index` of room `room`, as
 * `user`, on server node `node`; roomchat clients mint their ticket with `token`
 */
export type ClientSlot = {
  room: number
  index: number
  user: { id: number; username: string }
  node: number
  token?: string
}

/**
 * What the bench tells a generator process (each request carries an id its
 * answer repeats)
 */
export type GeneratorCommand =
  | { type: 'connect'; id: number; spec: TargetSpec; slots: ClientSlot[]; concurrency: number }
  | { type: 'step'; id: number; plan: StepPlan }
  | { type: 'close'; id: number }

/**
 * What one generator process saw of a step
 */
export type WorkerStepReport = {
  /** Latency of every first delivery of a measured message, send call to receiver */
  histogram: HistogramSnapshot
  /** Measured messages received, once per client */
  deliveries: number
  /** Measured messages a client received more than once */
  duplicates: number
  /** Measured messages some of this process's clients never received: [room, n, clients] */
  missing: Array<[number, number, number]>
  /** Measured messages this process sent */
  sent: number
  sendErrors: number
  /** This process's clients whose socket was closed or failed */
  lostClients: number
}

/**
 * What a generator process answers
 */
export type GeneratorReply =
  | { type: 'ready' }
  | { type: 'connected'; id: number; error?: string }
  | { type: 'stepped'; id: number; report: WorkerStepReport }
  | { type: 'closed'; id: number }

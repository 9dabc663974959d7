import {
  nodeArgs,
  startProcess,
  waitForMessage,
  type BenchProcess,
} from '../lib/child_processes.js'
import { Histogram } from '../lib/histogram.js'
import { epochNow } from './step_plan.js'
import { buildDir, builtPath } from '../stack/build.js'
import type { ChatTarget } from '../clients/chat_target.js'
import type { MeteredProcess } from '../lib/resource_meter.js'
import type { BenchUser } from '../stack/bench_database.js'
import type { StepPlan } from './step_plan.js'
import type { ClientSlot, GeneratorCommand, GeneratorReply } from './generator_protocol.js'

/** Connections opened at once, over all generator processes */
const CONNECT_CONCURRENCY = 50
const CONNECT_TIMEOUT_MS = 10 * 60_000
/** Slack over a step's own duration before a silent generator is an error */
const STEP_SLACK_MS = 60_000

/**
 * A step as all generator processes saw it together
 */
export type PoolStepReport = {
  histogram: Histogram
  deliveries: number
  duplicates: number
  /** Measured messages at least one client of their room never received */
  incompleteMessages: number
  sent: number
  sendErrors: number
  lostClients: number
}

/**
 * The fan-out load generator: several processes (built
 * bench/generator/generator_worker.js) sharing the clients of every room,
 * so the load is not capped by one event loop. Client j of a room lives in
 * process j mod N; every process sends its senders' share of the same
 * deterministic schedule (step_plan.ts).
 */
export class GeneratorPool {
  #nextId = 0

  private constructor(private readonly workers: BenchProcess[]) {}

  /**
   * Starts `count` generator processes and waits until each is ready
   */
  static async start(count: number) {
    const workers = Array.from({ length: count }, (_, index) =>
      startProcess(
        `generator-${index + 1}`,
        process.execPath,
        nodeArgs(builtPath('bench', 'generator', 'generator_worker.js')),
        { env: { NODE_ENV: 'production' }, cwd: buildDir }
      )
    )
    await Promise.all(
      workers.map((worker) =>
        waitForMessage(
          worker,
          (message: GeneratorReply) => message?.type === 'ready' || undefined,
          30_000
        )
      )
    )
    return new GeneratorPool(workers)
  }

  /** Number of generator processes */
  get size() {
    return this.workers.length
  }

  /**
   * The generator processes, for the resource meter (role "client")
   */
  get metered(): MeteredProcess[] {
    return this.workers.map((worker) => ({ label: worker.name, pid: worker.pid, role: 'client' }))
  }

  /**
   * Opens `clientsPerRoom` clients in every room (client j is user j, on
   * node j mod nodes, in process j mod N) and joins them
   */
  async connect(target: ChatTarget, users: BenchUser[], roomIds: number[], clientsPerRoom: number) {
    const shares: ClientSlot[][] = this.workers.map(() => [])
    for (const room of roomIds) {
      for (let index = 0; index < clientsPerRoom; index++) {
        const user = users[index % users.length]
        shares[index % this.size].push({
          room,
          index,
          user: { id: user.id, username: user.username },
          node: index % target.nodeCount,
          token: target.tokenOf?.(user),
        })
      }
    }
    const concurrency = Math.max(1, Math.ceil(CONNECT_CONCURRENCY / this.size))
    const replies = await this.#everyone(
      (id, index) => ({
        type: 'connect',
        id,
        spec: target.spec,
        slots: shares[index],
        concurrency,
      }),
      'connected',
      CONNECT_TIMEOUT_MS
    )
    const failed = replies.find((one) => one.type === 'connected' && one.error)
    if (failed && failed.type === 'connected') {
      throw new Error(`generator could not connect its clients to ${target.name}: ${failed.error}`)
    }
  }

  /**
   * Runs one step in every process; resolves with their reports merged
   */
  async runStep(plan: StepPlan): Promise<PoolStepReport> {
    const end = plan.startAt + plan.warmupMs + plan.measureMs + plan.drainMs
    const timeoutMs = end - epochNow() + STEP_SLACK_MS
    const replies = await this.#everyone((id) => ({ type: 'step', id, plan }), 'stepped', timeoutMs)
    const merged: PoolStepReport = {
      histogram: new Histogram(),
      deliveries: 0,
      duplicates: 0,
      incompleteMessages: 0,
      sent: 0,
      sendErrors: 0,
      lostClients: 0,
    }
    const incomplete = new Set<string>()
    for (const one of replies) {
      if (one.type !== 'stepped') {
        continue
      }
      const report = one.report
      merged.histogram.merge(report.histogram)
      merged.deliveries += report.deliveries
      merged.duplicates += report.duplicates
      merged.sent += report.sent
      merged.sendErrors += report.sendErrors
      merged.lostClients += report.lostClients
      report.missing.forEach(([room, n]) => incomplete.add(`${room}-${n}`))
    }
    merged.incompleteMessages = incomplete.size
    return merged
  }

  /**
   * Closes every client (the processes keep running for the next target)
   */
  async closeClients() {
    await this.#everyone((id) => ({ type: 'close', id }), 'closed', 30_000)
  }

  /**
   * Stops the generator processes
   */
  async stop() {
    await Promise.all(this.workers.map((worker) => worker.stop()))
  }

  /**
   * Sends each process its command and resolves with every answer of type `answer`
   */
  #everyone(
    command: (id: number, index: number) => GeneratorCommand,
    answer: GeneratorReply['type'],
    timeoutMs: number
  ) {
    return Promise.all(
      this.workers.map((worker, index) => {
        const id = this.#nextId++
        const reply = waitForMessage(
          worker,
          (message: GeneratorReply) =>
            message?.type === answer && 'id' in message && message.id === id ? message : undefined,
          timeoutMs
        )
        worker.child.send(command(id, index))
        return reply
      })
    )
  }
}

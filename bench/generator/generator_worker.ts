/*
| A fan-out load generator process (generator_pool.ts): holds its share of
| the clients of every room, sends the messages of the step plan that its
| clients are the senders of, and checks that each of its clients receives
| every measured message of its room. Talks to the bench over IPC only.
*/
import { openClient } from '../clients/chat_target.js'
import { ApiClient } from '../stack/api_client.js'
import { Histogram } from '../lib/histogram.js'
import { mapConcurrent } from '../lib/wait.js'
import { dueBy, epochNow, firstMeasured, messageClientId, parseClientId } from './step_plan.js'
import { totalMessages, type StepPlan } from './step_plan.js'
import type { LoadClient } from '../clients/load_client.js'
import type { GeneratorCommand, GeneratorReply, WorkerStepReport } from './generator_protocol.js'
import type { ClientSlot } from './generator_protocol.js'

const TICK_MS = 5
const TEXT = 'A fan-out message from the bench, about the length of a chat line.'

type Held = { slot: ClientSlot; client: LoadClient; seen: Uint8Array }

let held: Held[] = []

function reply(message: GeneratorReply) {
  process.send!(message)
}

async function connect(command: Extract<GeneratorCommand, { type: 'connect' }>) {
  const api = command.spec.kind === 'roomchat' ? new ApiClient(command.spec.apiBaseUrl) : null
  const opened = await mapConcurrent(command.slots, command.concurrency, async (slot) => {
    const ticket = api && slot.token ? await api.mintTicket(slot.token) : undefined
    const client = await openClient(command.spec, slot.user, slot.node, ticket)
    await client.join(slot.room)
    return { slot, client, seen: new Uint8Array(0) }
  })
  held.push(...opened)
}

/**
 * Runs one step: sends this process's share on schedule, records every
 * delivery, and reports once each client has every measured message or
 * the drain time is over
 */
function runStep(plan: StepPlan) {
  const first = firstMeasured(plan)
  const total = totalMessages(plan)
  const histogram = new Histogram()
  const report: Omit<WorkerStepReport, 'histogram' | 'missing'> = {
    deliveries: 0,
    duplicates: 0,
    sent: 0,
    sendErrors: 0,
    lostClients: 0,
  }
  const expected = held.length * (total - first)
  const senders = new Map<number, Map<number, LoadClient>>()
  for (const one of held) {
    one.seen = new Uint8Array(total)
    if (one.slot.index < plan.senders) {
      const room = senders.get(one.slot.room) ?? new Map<number, LoadClient>()
      senders.set(one.slot.room, room.set(one.slot.index, one.client))
    }
  }

  const counts = new Map([...senders.keys()].map((room) => [room, 0]))
  const sending = new Set(senders.keys())

  return new Promise<WorkerStepReport>((resolve) => {
    let finished = false
    const finish = () => {
      if (finished) {
        return
      }
      finished = true
      clearTimeout(deadline)
      const missing = new Map<string, [number, number, number]>()
      for (const one of held) {
        one.client.onDelivery = null
        for (let n = first; n < total; n++) {
          if (!one.seen[n]) {
            const key = `${one.slot.room}-${n}`
            const entry = missing.get(key) ?? [one.slot.room, n, 0]
            entry[2]++
            missing.set(key, entry)
          }
        }
      }
      report.lostClients = held.filter((one) => one.client.lost).length
      resolve({ ...report, histogram: histogram.toSnapshot(), missing: [...missing.values()] })
    }
    const deadline = setTimeout(
      finish,
      plan.startAt + plan.warmupMs + plan.measureMs + plan.drainMs - epochNow()
    )

    for (const one of held) {
      one.client.onDelivery = (clientId) => {
        const message = parseClientId(plan, clientId)
        if (!message || message.n < first || message.n >= total) {
          return
        }
        if (one.seen[message.n]) {
          report.duplicates++
          return
        }
        one.seen[message.n] = 1
        report.deliveries++
        histogram.record(epochNow() - message.sentAt)
        if (report.deliveries === expected && sending.size === 0) {
          finish()
        }
      }
    }

    const tick = () => {
      const due = dueBy(plan, epochNow())
      for (const room of sending) {
        const roomSenders = senders.get(room)!
        const burst = Math.min(due - counts.get(room)!, Math.max(1, plan.rate))
        for (let index = 0; index < burst; index++) {
          const n = counts.get(room)!
          counts.set(room, n + 1)
          const sender = roomSenders.get(n % plan.senders)
          if (!sender) {
            continue
          }
          if (n >= first) {
            report.sent++
          }
          sender
            .send(room, messageClientId(plan, n, epochNow()), TEXT)
            .catch(() => report.sendErrors++)
        }
        if (counts.get(room) === total) {
          sending.delete(room)
        }
      }
      if (sending.size > 0) {
        setTimeout(tick, TICK_MS)
      } else if (report.deliveries === expected) {
        finish()
      }
    }
    setTimeout(tick, Math.max(0, plan.startAt - epochNow()))
  })
}

process.on('message', (command: GeneratorCommand) => {
  if (command.type === 'connect') {
    connect(command).then(
      () => reply({ type: 'connected', id: command.id }),
      (error: Error) => reply({ type: 'connected', id: command.id, error: error.message })
    )
  } else if (command.type === 'step') {
    runStep(command.plan).then((report) => reply({ type: 'stepped', id: command.id, report }))
  } else if (command.type === 'close') {
    held.forEach((one) => one.client.close())
    held = []
    reply({ type: 'closed', id: command.id })
  }
})
reply({ type: 'ready' })

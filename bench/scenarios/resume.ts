import { ResourceMeter, totalOf, type ResourceUsage } from '../lib/resource_meter.js'
import { num, ratio, type Table } from '../lib/table.js'
import { checkTarget } from '../lib/targets.js'
import { mapConcurrent, sleep, withTimeout } from '../lib/wait.js'
import type { ChatTarget } from '../clients/chat_target.js'
import type { Stack } from '../stack/stack.js'
import type { Profile } from '../config.js'
import type { ScenarioResult } from './scenario.js'

type Replay = {
  server: string
  messages: number
  seconds: number
  perSecond: number
  inOrder: boolean
  resources: ResourceUsage[]
}

const REPLAY_TIMEOUT_MS = 120_000
const TEXT = 'Message of the backlog a reconnecting client missed'

/**
 * Scenario 4: a client that missed N messages (written with SQL as seq 1..N)
 * rejoins with since=0: time until the last one arrived, against roomchat
 * in-process and standalone, and the bare ws peer replaying from memory
 */
export async function resumeScenario(
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
): Promise<ScenarioResult> {
  const { messages, repeats } = profile.resume
  const room = stack.rooms.resume
  log(`resume: writing ${num(messages)} messages into one room with SQL`)
  await stack.db.seedMessages(room, stack.users[0].id, messages)
  await fillPeer(stack.targets.ws, stack, room, messages)

  const targets = [stack.targets.inProcess, stack.targets.standalone, stack.targets.ws]
  const runs: Replay[] = []
  // Rounds alternate the servers, so a busy moment of the machine hits them alike
  for (let round = 1; round <= repeats; round++) {
    for (const target of targets) {
      log(`resume: ${target.name} replays ${num(messages)} messages (${round}/${repeats})`)
      runs.push(await replay(stack, target, room, messages))
    }
  }
  const replays = targets.map((target) => median(runs.filter((run) => run.server === target.name)))
  const ceiling = replays.find((row) => row.server === stack.targets.ws.name)!.perSecond
  const table: Table = {
    title: `Resume: rejoin with since=0 after missing ${num(messages)} messages (median of ${repeats})`,
    headers: [
      'server',
      'messages',
      'in order',
      'seconds',
      'messages/s',
      'server CPU %',
      'PG CPU %',
      'vs bare ws',
    ],
    rows: replays.map((row) => [
      row.server,
      num(row.messages),
      row.inOrder ? 'yes' : 'NO',
      num(row.seconds, 3),
      num(row.perSecond),
      num(totalOf(row.resources, 'server').cpuPercent),
      num(totalOf(row.resources, 'database').cpuPercent),
      ratio(row.perSecond, ceiling),
    ]),
    notes: [
      'seconds: from sending join to receiving the last message; bare ws replays from memory',
      `each server replayed ${repeats} times, the rounds alternating the servers; the run of median duration is shown`,
    ],
  }
  const checks = replays
    .filter((row) => row.server.startsWith('roomchat'))
    .map((row) =>
      checkTarget(
        `resume ≥ 0.5 × bare ws (${row.server})`,
        row.perSecond / ceiling,
        row.perSecond >= 0.5 * ceiling,
        '×',
        `${num(row.perSecond)} vs ${num(ceiling)} msg/s; CPU server ${num(totalOf(row.resources, 'server').cpuPercent)}%, PG ${num(totalOf(row.resources, 'database').cpuPercent)}%`
      )
    )
  return { tables: [table], figures: { messages, repeats, rows: replays, runs }, checks }
}

/**
 * The run of median duration
 */
function median(runs: Replay[]) {
  const sorted = [...runs].sort((a, b) => a.seconds - b.seconds)
  return sorted[Math.floor(sorted.length / 2)]
}

/**
 * Sends the same backlog through the bare ws peer so it can replay it
 */
async function fillPeer(target: ChatTarget, stack: Stack, room: number, messages: number) {
  const client = await target.open(stack.users[0], 0)
  await client.join(room)
  const numbers = Array.from({ length: messages }, (_, index) => index + 1)
  await mapConcurrent(numbers, 100, (number) => client.send(room, `seed-${number}`, TEXT))
  client.close()
}

async function replay(
  stack: Stack,
  target: ChatTarget,
  room: number,
  messages: number
): Promise<Replay> {
  const client = await target.open(stack.users[1 % stack.users.length], 0)
  let received = 0
  let lastSeq = 0
  let inOrder = true
  const done = new Promise<void>((resolve) => {
    client.onDelivery = (_clientId, seq) => {
      inOrder &&= seq === lastSeq + 1
      lastSeq = seq
      if (++received === messages) {
        resolve()
      }
    }
  })
  const meter = new ResourceMeter(target.metered).start()
  const began = performance.now()
  await client.join(room, 0)
  await withTimeout(done, REPLAY_TIMEOUT_MS, `${target.name} replay`)
  const seconds = (performance.now() - began) / 1000
  const resources = meter.stop()
  client.close()
  await sleep(200)
  return {
    server: target.name,
    messages: received,
    seconds,
    perSecond: received / seconds,
    inOrder,
    resources,
  }
}

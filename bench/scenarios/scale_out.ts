import { readFile } from 'node:fs/promises'
import { brokenBy, closeRooms, connectRooms, runRamp, type FanoutStep } from './fanout_load.js'
import { GeneratorPool } from '../generator/generator_pool.js'
import { startChatNode, type ChatNode } from '../stack/chat_node.js'
import { redisInstalled, startRedis } from '../stack/redis_server.js'
import { roomchatTarget, type ChatTarget } from '../clients/chat_target.js'
import { totalOf } from '../lib/resource_meter.js'
import { projectPath } from '../lib/paths.js'
import { num, ratio, type Table } from '../lib/table.js'
import type { Stack } from '../stack/stack.js'
import type { Profile } from '../config.js'
import type { ScenarioResult } from './scenario.js'

type Setup = { target: ChatTarget; steps: FanoutStep[]; maxSustained: number; topped: boolean }

/**
 * Scenario 6: the fan-out ramp against one standalone chat process, then
 * two on the PostgreSQL bus (each room's clients and senders split between
 * them), then two on the Redis bus when chat-service has one
 */
export async function scaleOutScenario(
  stack: Stack,
  profile: Profile,
  log: (line: string) => void
): Promise<ScenarioResult> {
  const [chatA, chatB] = stack.chatNodes
  const targets = [
    stack.targets.standalone,
    nodesTarget('2 chat processes, postgres bus', [chatA, chatB], stack),
  ]
  const notes: string[] = []
  const redis = await redisSetup(stack, log)
  if (redis.target) {
    targets.push(redis.target)
  } else {
    notes.push(redis.reason)
  }

  const { rooms, clientsPerRoom, rates, ramp } = profile.scaleOut
  const roomIds = stack.rooms.fanout.slice(0, rooms)
  const setups: Setup[] = []
  const pool = await GeneratorPool.start(profile.generators)
  try {
    for (const target of targets) {
      log(
        `scale-out: ${target.name}, ${rooms} × ${clientsPerRoom} clients from ${pool.size} generator processes, ${rates.join('/')} msg/s per room`
      )
      const loadRooms = await connectRooms(pool, target, stack.users, roomIds, clientsPerRoom)
      const result = await runRamp(
        pool,
        target,
        loadRooms,
        rates,
        { first: ramp, ramp },
        `s${setups.length}`
      )
      await closeRooms(pool)
      setups.push({
        target,
        steps: result.steps,
        maxSustained: result.maxSustainedDeliveriesPerSecond,
        topped: result.topped,
      })
    }
  } finally {
    await pool.stop()
    await redis.stop()
  }

  const single = setups[0].maxSustained
  const table: Table = {
    title: `Scale-out: ${rooms} rooms × ${clientsPerRoom} clients, ramp ${rates.join('/')} msg/s per room`,
    headers: [
      'setup',
      'msg/s/room',
      'deliveries/s',
      'delivered',
      'p99 ms',
      'chat CPU %',
      'PG CPU %',
      'other CPU %',
      'sustained',
    ],
    rows: setups.flatMap((setup) =>
      setup.steps.map((step) => [
        setup.target.name,
        num(step.rate),
        num(step.deliveriesPerSecond),
        `${num(step.deliveredRatio * 100, 1)}%`,
        num(step.latencyMs.p99, 1),
        num(totalOf(step.resources, 'server').cpuPercent),
        num(totalOf(step.resources, 'database').cpuPercent),
        num(totalOf(step.resources, 'client').cpuPercent),
        step.sustained ? 'yes' : `no${brokenBy(step)}`,
      ])
    ),
    notes: ['other CPU: the load generator processes (and the bench process) on the same machine'],
  }
  const summary: Table = {
    title: 'Scale-out ratios (max sustained deliveries/s, same run)',
    headers: ['setup', 'max sustained deliv/s', 'vs one process'],
    rows: setups.map((setup) => [
      setup.target.name,
      `${setup.topped ? '≥ ' : ''}${num(setup.maxSustained)}`,
      ratio(setup.maxSustained, single),
    ]),
    notes: [
      ...notes,
      '"≥": every offered rate was sustained; with 2 cores shared by the nodes, PostgreSQL and the load generator, a second process adds no CPU',
    ],
  }
  return {
    tables: [table, summary],
    figures: {
      shape: { rooms, clientsPerRoom, rates },
      setups: setups.map((setup) => ({
        setup: setup.target.name,
        maxSustainedDeliveriesPerSecond: setup.maxSustained,
        everyRateSustained: setup.topped,
        steps: setup.steps,
      })),
      notes,
    },
    checks: [],
  }
}

function nodesTarget(name: string, nodes: ChatNode[], stack: Stack) {
  return roomchatTarget(
    name,
    nodes.map((node) => node.url),
    [
      ...nodes.map((node) => ({
        label: node.process.name,
        pid: node.process.pid,
        role: 'server' as const,
      })),
      stack.postgres,
    ],
    stack.tokens
  )
}

/**
 * Two chat processes on CHAT_BUS=redis with their own redis-server, when
 * chat-service has a Redis bus and redis-server is installed
 */
async function redisSetup(stack: Stack, log: (line: string) => void) {
  const none = async () => {}
  const createBus = await readFile(projectPath('chat-service', 'src', 'create_bus.ts'), 'utf8')
  if (!/RedisBus/.test(createBus)) {
    return {
      target: null,
      reason: 'redis bus: not in chat-service/src/create_bus.ts yet, skipped',
      stop: none,
    }
  }
  if (!redisInstalled()) {
    return { target: null, reason: 'redis bus: redis-server is not installed, skipped', stop: none }
  }
  log('scale-out: starting redis-server and 2 chat processes with CHAT_BUS=redis')
  const redis = await startRedis()
  const bus = { CHAT_BUS: 'redis', REDIS_URL: redis.url }
  try {
    const nodes = await Promise.all([
      startChatNode('chat-redis-a', stack.app.env, bus),
      startChatNode('chat-redis-b', stack.app.env, bus),
    ])
    return {
      target: nodesTarget('2 chat processes, redis bus', nodes, stack),
      reason: '',
      stop: async () => {
        await Promise.all(nodes.map((node) => node.process.stop()))
        await redis.process.stop()
      },
    }
  } catch (error) {
    await redis.process.stop()
    return {
      target: null,
      reason: `redis bus: the chat did not start with CHAT_BUS=redis (${(error as Error).message})`,
      stop: none,
    }
  }
}

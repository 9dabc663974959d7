import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import ace from '@adonisjs/core/services/ace'
import env from '#start/env'
import type ChatVerify from '#commands/chat_verify'
import Room from '#models/room'
import Message from '#models/message'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { PROBE_ROOM_NAME, PROBE_USERNAME } from '#services/operations/delivery_probe'
import { RedisServer } from '#tests/helpers/redis_server'
import { startChatProcess, type ChatProcess } from '#tests/helpers/chat_process'
import { jsonReport, runVerify } from '#tests/helpers/chat_verify_run'

/**
 * The in-process chat of the test server
 */
const inProcessUrl = `ws://${env.get('HOST')}:${env.get('PORT')}/ws`

type EndpointRow = {
  url: string
  connected: boolean
  sender: boolean
  arrivalMs: number | null
  error: string | null
}

/**
 * The probe's endpoints with the measured time replaced by whether there is one
 */
function probedEndpoints(command: ChatVerify) {
  return jsonReport(command).probe.endpoints.map(({ arrivalMs, ...row }: EndpointRow) => ({
    ...row,
    arrived: typeof arrivalMs === 'number' && arrivalMs >= 0,
  }))
}

test.group('chat:verify --probe', (group) => {
  group.each.setup(() => truncateTables())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('measures delivery through the in-process chat, in a room only the probe sees', async ({
    assert,
  }) => {
    const bystander = await UserFactory.create()
    const first = await runVerify(['--probe', '--json'])
    first.assertSucceeded()
    assert.deepEqual(probedEndpoints(first), [
      { url: inProcessUrl, connected: true, sender: true, error: null, arrived: true },
    ])
    const second = await runVerify(['--probe'])
    second.assertSucceeded()
    second.assertLog('[ green(success) ] Probe message delivered at all 1 endpoint(s)')
    second.assertLogMatches(new RegExp(`${inProcessUrl}.*yes.*ms.*sent through here`))

    const probeUser = await User.findByOrFail('username', PROBE_USERNAME)
    const rooms = await Room.query().where('name', PROBE_ROOM_NAME)
    assert.deepEqual(
      rooms.map((room) => [room.ownerId, room.visibility, room.lastSeq]),
      [[probeUser.id, 'private', 2]]
    )
    const messages = await Message.query().where('room_id', rooms[0].id).orderBy('seq')
    assert.deepEqual(
      messages.map((message) => [message.seq, message.userId, message.kind]),
      [
        [1, probeUser.id, 'message'],
        [2, probeUser.id, 'message'],
      ]
    )
    const visible = await Room.query().withScopes((scopes) => scopes.visibleTo(bystander.id))
    assert.deepEqual(visible, [])
  })

  test('crosses the {$self} bus: sent via one chat process, timed at both')
    .with(['postgres', 'redis'] as const)
    .run(async ({ assert }, bus) => {
      let chats: ChatProcess[] = []
      const redis = bus === 'redis' ? await RedisServer.start() : null
      try {
        const busEnv: Record<string, string> = redis
          ? { CHAT_BUS: 'redis', REDIS_URL: redis.url }
          : { CHAT_BUS: 'postgres' }
        chats = await Promise.all([startChatProcess(busEnv), startChatProcess(busEnv)])
        const [a, b] = chats
        const command = await runVerify(['--json', `--endpoint=${a.url}`, `--endpoint=${b.url}`])
        command.assertSucceeded()
        assert.deepEqual(probedEndpoints(command), [
          { url: a.url, connected: true, sender: true, error: null, arrived: true },
          { url: b.url, connected: true, sender: false, error: null, arrived: true },
        ])
        const table = await runVerify(['--probe', `--endpoint=${a.url}`, `--endpoint=${b.url}`])
        table.assertSucceeded()
        table.assertLogMatches(new RegExp(`${a.url}.*yes.*ms.*sent through here`))
        table.assertLogMatches(new RegExp(`${b.url}.*yes.*ms.*received`))
        table.assertLog('[ green(success) ] Probe message delivered at all 2 endpoint(s)')
      } finally {
        await Promise.all(chats.map((chat) => chat.stop()))
        await redis?.stop()
      }
    })
    .timeout(60_000)

  test('reports an unreachable endpoint with exit code 1', async ({ assert }) => {
    const nowhere = 'ws://127.0.0.1:1/ws'
    const command = await runVerify([
      '--probe',
      `--endpoint=${nowhere}`,
      `--endpoint=${inProcessUrl}`,
    ])
    command.assertFailed()
    command.assertLogMatches(/127\.0\.0\.1:1\/ws.*no.*unreachable: connect ECONNREFUSED/)
    command.assertLog('[ red(error) ] Probe message delivered at 1 of 2 endpoint(s)', 'stderr')

    const json = await runVerify(['--json', `--endpoint=${nowhere}`])
    json.assertFailed()
    const report = jsonReport(json)
    assert.isFalse(report.ok)
    assert.deepEqual(
      report.rooms.map((row: { problems: string[] }) => row.problems),
      [[]]
    )
    assert.deepEqual(probedEndpoints(json), [
      {
        url: nowhere,
        connected: false,
        sender: false,
        error: 'unreachable: connect ECONNREFUSED 127.0.0.1:1',
        arrived: false,
      },
    ])
  })

  test('a run without --probe touches no chat and creates nothing', async ({ assert }) => {
    const command = await runVerify([])
    command.assertSucceeded()
    assert.isNull(await User.findBy('username', PROBE_USERNAME))
  })
})

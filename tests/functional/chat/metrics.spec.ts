import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import app from '@adonisjs/core/services/app'
import env from '#start/env'
import { MemoryBus } from '#chat/src/memory_bus'
import { startChatProcess } from '#tests/helpers/chat_process'
import { closeAllClients } from '#tests/helpers/ws_client'
import {
  connect,
  createRoom,
  createUser,
  join,
  otherChatNode,
  say,
  seqsOf,
} from '#tests/helpers/chat_fixtures'

const TOKEN = 'test-chat-metrics-token-0123456789'

/**
 * The chat series as documented in the README, with their Prometheus types
 */
const DOCUMENTED_SERIES: Array<[string, string]> = [
  ['chat_open_websockets', 'gauge'],
  ['chat_joins_total', 'counter'],
  ['chat_messages_accepted_total', 'counter'],
  ['chat_messages_rejected_total', 'counter'],
  ['chat_ack_latency_seconds', 'histogram'],
  ['chat_deliveries_total', 'counter'],
  ['chat_bus_published_total', 'counter'],
  ['chat_bus_received_total', 'counter'],
  ['chat_bus_lag_seconds', 'histogram'],
  ['chat_replayed_messages_total', 'counter'],
  ['chat_slow_consumer_closes_total', 'counter'],
]

/**
 * The value of one sample (`name` or `name{labels}`) in a scrape; 0 when absent
 */
function sample(scrape: string, series: string) {
  const line = scrape.split('\n').find((row) => row.startsWith(`${series} `))
  return line ? Number(line.split(' ').pop()) : 0
}

/**
 * How much each sample grew between two scrapes
 */
function growth(before: string, after: string, series: string[]) {
  return Object.fromEntries(
    series.map((name) => [name, sample(after, name) - sample(before, name)])
  )
}

/**
 * A send frame whose text is one character over the limit
 */
function oversizedSend(room: number) {
  return { type: 'send', room, client_id: 'too-long', text: 'x'.repeat(4001) }
}

test.group('Chat metrics (in-process, on the web /metrics)', (group) => {
  group.each.setup(() => truncateTables())
  group.each.setup(() => {
    const saved = app.config.get<string | undefined>('metrics.token')
    app.config.set('metrics.token', TOKEN)
    return () => app.config.set('metrics.token', saved)
  })
  group.each.teardown(() => closeAllClients())

  test('the scrape lists every documented chat series with its type', async ({
    client,
    assert,
  }) => {
    const response = await client.get('/metrics').bearerToken(TOKEN)
    response.assertStatus(200)
    for (const [name, type] of DOCUMENTED_SERIES) {
      assert.include(response.text(), `# TYPE ${name} ${type}\n`)
    }
  })

  test('counters move for accepted, rejected, delivered, replayed and bus-rung messages', async ({
    client,
    assert,
    cleanup,
  }) => {
    const scrape = async () => {
      const response = await client.get('/metrics').bearerToken(TOKEN)
      return response.text()
    }
    const chat = { url: `ws://${env.get('HOST')}:${env.get('PORT')}/ws` }
    const ana = await createUser()
    const room = await createRoom(ana)
    const before = await scrape()

    const live = await connect(chat, ana)
    await join(live, room)
    const ack = await say(live, room, 'c-1', 'hello metrics')
    assert.equal(ack.seq, 1)
    await live.next({ type: 'message', seq: 1 })
    live.send(oversizedSend(room.id))
    const refusal = await live.next({ type: 'error' })
    assert.equal(refusal.code, 'text_too_long')

    // Posted by another node of this process's bus: rung, then read from the store
    const other = await otherChatNode(new MemoryBus())
    cleanup(() => other.close())
    await other.post({
      room: room.id,
      user: { id: ana.id, username: ana.username },
      clientId: 'from-the-web',
      text: 'posted over HTTP',
    })
    await live.next({ type: 'message', seq: 2 })

    const resuming = await connect(chat, ana)
    await join(resuming, room, 0)
    await resuming.next({ type: 'message', seq: 2 })
    assert.deepEqual(seqsOf(resuming.received), [1, 2])

    const after = await scrape()
    assert.deepEqual(
      growth(before, after, [
        'chat_open_websockets',
        'chat_joins_total',
        'chat_messages_accepted_total{kind="message"}',
        'chat_messages_rejected_total{reason="text_too_long"}',
        'chat_ack_latency_seconds_count',
        'chat_deliveries_total',
        'chat_bus_published_total',
        'chat_bus_received_total',
        'chat_bus_lag_seconds_count',
        'chat_replayed_messages_total',
      ]),
      {
        'chat_open_websockets': 2,
        'chat_joins_total': 2,
        'chat_messages_accepted_total{kind="message"}': 1,
        'chat_messages_rejected_total{reason="text_too_long"}': 1,
        'chat_ack_latency_seconds_count': 1,
        'chat_deliveries_total': 2,
        'chat_bus_published_total': 1,
        'chat_bus_received_total': 1,
        'chat_bus_lag_seconds_count': 1,
        'chat_replayed_messages_total': 2,
      }
    )
  })
})

test.group('Chat metrics (standalone chat service)', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('serves /metrics with the METRICS_TOKEN bearer rule and counts its own traffic', async ({
    assert,
    cleanup,
  }) => {
    const chat = await startChatProcess({ METRICS_TOKEN: TOKEN })
    cleanup(async () => {
      await chat.stop()
    })
    const metricsUrl = `http://127.0.0.1:${chat.port}/metrics`
    const scrape = (token?: string) =>
      fetch(metricsUrl, token ? { headers: { authorization: `Bearer ${token}` } } : {})

    const missing = await scrape()
    assert.equal(missing.status, 401)
    assert.deepEqual(await missing.json(), {
      errors: [{ code: 'E_UNAUTHORIZED_ACCESS', message: 'Bad metrics token' }],
    })
    const wrong = await scrape(`${TOKEN}x`)
    assert.equal(wrong.status, 401)

    const ana = await createUser()
    const room = await createRoom(ana)
    const socket = await connect(chat, ana)
    await join(socket, room)
    await say(socket, room, 'c-1', 'hello standalone')
    socket.send(oversizedSend(room.id))
    const refusal = await socket.next({ type: 'error' })
    assert.equal(refusal.code, 'text_too_long')

    const response = await scrape(TOKEN)
    assert.equal(response.status, 200)
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain/)
    const text = await response.text()
    for (const [name, type] of DOCUMENTED_SERIES) {
      assert.include(text, `# TYPE ${name} ${type}\n`)
    }
    assert.equal(sample(text, 'chat_open_websockets'), 1)
    assert.equal(sample(text, 'chat_joins_total'), 1)
    assert.equal(sample(text, 'chat_messages_accepted_total{kind="message"}'), 1)
    assert.equal(sample(text, 'chat_messages_rejected_total{reason="text_too_long"}'), 1)
    assert.equal(sample(text, 'chat_ack_latency_seconds_count'), 1)
    assert.include(text, 'process_resident_memory_bytes')
  }).timeout(60_000)

  test('answers 404 on /metrics while METRICS_TOKEN is unset', async ({ assert, cleanup }) => {
    const chat = await startChatProcess({ METRICS_TOKEN: '' })
    cleanup(async () => {
      await chat.stop()
    })
    const response = await fetch(`http://127.0.0.1:${chat.port}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    })
    assert.equal(response.status, 404)
  }).timeout(60_000)
})

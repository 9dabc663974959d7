import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  BrowserReactions,
  transmitEventParser,
  type LiveEvent,
} from '#bench/users/browser_reactions'

/** The counts' figures the tab loads: rooms 1 and 2 at level `all`, 3 unread in room 1 up to seq 10 */
const FIGURES = {
  data: {
    count: 3,
    rooms: [
      { id: 1, level: 'all', unread: 3, mentions: 0, seq: 10, read: 7 },
      { id: 2, level: 'all', unread: 0, mentions: 0, seq: 4, read: 4 },
    ],
  },
}

/**
 * Reactions of a tab whose sidebar lists rooms 1 and 2, recording the requests, its counts loaded
 */
async function tab() {
  const requests: string[] = []
  const reactions = new BrowserReactions({
    listed: (room) => room === 1 || room === 2,
    get: async (path) => {
      requests.push(`GET ${path}`)
      return FIGURES
    },
    markRead: async () => requests.push('POST read'),
    onError: (error) => requests.push(`error ${error}`),
  })
  reactions.start()
  await sleep(0)
  requests.length = 0
  return { requests, reactions }
}

const notification = (room: number, seq: number, reason = 'message'): LiveEvent => ({
  type: 'notification',
  room: { id: room },
  seq,
  reason,
})

const SIDEBAR = ['GET /sidebar', 'GET /sidebar/direct']
const COUNT = 'GET /notifications/unread'

test.group('Capacity: what a tab fetches on live events', () => {
  test('messages in any room are counted in the tab and fetch nothing; a repeated event counts once', async ({
    assert,
  }) => {
    const { requests, reactions } = await tab()
    assert.equal(reactions.total(), 3)
    reactions.onLiveEvent(notification(1, 11))
    reactions.onLiveEvent(notification(2, 5, 'mention'))
    reactions.onLiveEvent(notification(2, 5, 'mention'))
    reactions.onLiveEvent(notification(1, 9))
    reactions.onLiveEvent({ type: 'room_activity', room: { id: 1 } })
    await sleep(350)
    assert.deepEqual(requests, [])
    assert.equal(reactions.total(), 5)
    reactions.stop()
  })

  test('a read behind the figures fetches the counts; a read past them is counted in the tab', async ({
    assert,
  }) => {
    const { requests, reactions } = await tab()
    reactions.onLiveEvent({ type: 'read', room: 1, seq: 8 })
    await sleep(350)
    assert.deepEqual(requests, [COUNT])
    requests.length = 0
    reactions.onLiveEvent(notification(1, 11))
    reactions.onLiveEvent({ type: 'read', room: 1, seq: 10 })
    reactions.onLiveEvent({ type: 'read', room: 2, seq: 3 })
    await sleep(350)
    assert.deepEqual(requests, [])
    assert.equal(reactions.total(), 1)
    reactions.stop()
  })

  test('a membership, a new room or a listed room renamed fetches the sidebar and the counts after a debounce', async ({
    assert,
  }) => {
    const { requests, reactions } = await tab()
    reactions.onLiveEvent({ type: 'membership', room: 9 })
    reactions.onLiveEvent({ type: 'room_updated', room: { id: 1 } })
    reactions.onLiveEvent({ type: 'room_updated', room: { id: 3 } })
    assert.deepEqual(requests, [])
    await sleep(350)
    assert.deepEqual(requests, [...SIDEBAR, COUNT])
    reactions.stop()
  })

  test('messages in the open room mark it read once per burst; stop() cancels what is pending', async ({
    assert,
  }) => {
    const { requests, reactions } = await tab()
    reactions.onRoomMessage()
    reactions.onRoomMessage()
    reactions.onRoomMessage()
    await sleep(550)
    assert.deepEqual(requests, ['POST read'])
    reactions.onRoomMessage()
    reactions.onLiveEvent({ type: 'membership', room: 9 })
    reactions.stop()
    await sleep(600)
    assert.deepEqual(requests, ['POST read'])
  })

  test("the event-stream parser yields Transmit's payloads across chunks, without pings", ({
    assert,
  }) => {
    const events: Array<[string, LiveEvent]> = []
    const parse = transmitEventParser((channel, payload) => events.push([channel, payload]))
    parse(':ok\n\ndata: {"channel":"$$transmit/ping","payload":{}}\n\ndata: {"chan')
    parse('nel":"lobby","payload":{"type":"room_activity","room":{"id":1}}}\n')
    assert.deepEqual(events, [])
    parse('\ndata: {"channel":"users/4","payload":{"type":"read","room":2}}\n\n')
    assert.deepEqual(events, [
      ['lobby', { type: 'room_activity', room: { id: 1 } }],
      ['users/4', { type: 'read', room: 2 }],
    ])
  })
})

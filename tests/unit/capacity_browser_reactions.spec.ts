import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  BrowserReactions,
  transmitEventParser,
  type LiveEvent,
} from '#bench/users/browser_reactions'

/**
 * Reactions of a tab showing room 2 whose sidebar lists rooms 1 and 2 (a
 * 300 ms throttle window), recording the requests
 */
function tab() {
  const requests: string[] = []
  const reactions = new BrowserReactions({
    listed: (room) => room === 1 || room === 2,
    shown: () => 2,
    get: async (path) => requests.push(`GET ${path}`),
    markRead: async () => requests.push('POST read'),
    onError: (error) => requests.push(`error ${error}`),
    throttleMs: 300,
  })
  return { requests, reactions }
}

const activity = (id: number, at: string | null): LiveEvent => ({
  type: 'room_activity',
  room: { id, last_activity_at: at },
})

const SIDEBAR = ['GET /sidebar', 'GET /sidebar/direct']
const COUNT = 'GET /notifications/unread'

test.group('Capacity: what a tab fetches on live events', () => {
  test('messages in another room refresh the sidebar and the unread count at once, then once a window', async ({
    assert,
  }) => {
    const { requests, reactions } = tab()
    reactions.onLiveEvent(activity(1, '2026-12-07T06:00:00.000Z'))
    assert.deepEqual(requests, SIDEBAR)
    reactions.onLiveEvent(activity(1, '2026-12-07T06:00:00.100Z'))
    reactions.onLiveEvent(activity(1, '2026-12-07T06:00:00.200Z'))
    await sleep(350)
    assert.deepEqual(requests, [...SIDEBAR, COUNT, ...SIDEBAR, COUNT])
    await sleep(400)
    assert.deepEqual(requests, [...SIDEBAR, COUNT, ...SIDEBAR, COUNT])
    reactions.stop()
  })

  test('the shown room, presence-only activity and unlisted rooms leave the sidebar alone', async ({
    assert,
  }) => {
    const { requests, reactions } = tab()
    reactions.onLiveEvent(activity(2, '2026-12-07T06:00:00.000Z'))
    reactions.onLiveEvent({ type: 'read', room: 2 })
    reactions.onLiveEvent(activity(1, null))
    reactions.onLiveEvent(activity(3, '2026-12-07T06:00:00.000Z'))
    reactions.onLiveEvent({ type: 'notification', room: 3 })
    assert.deepEqual(requests, [COUNT])
    await sleep(350)
    assert.deepEqual(requests, [COUNT, COUNT])
    reactions.stop()
  })

  test('a read elsewhere refreshes the count at once and the sidebar after a debounce', async ({
    assert,
  }) => {
    const { requests, reactions } = tab()
    reactions.onLiveEvent({ type: 'read', room: 1 })
    assert.deepEqual(requests, [COUNT])
    await sleep(350)
    assert.deepEqual(requests, [COUNT, ...SIDEBAR, COUNT])
    reactions.stop()
  })

  test('messages in the open room mark it read once per burst; stop() cancels what is pending', async ({
    assert,
  }) => {
    const { requests, reactions } = tab()
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

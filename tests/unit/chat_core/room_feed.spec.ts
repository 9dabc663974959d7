import { setTimeout as sleep } from 'node:timers/promises'
import { test } from '@japa/runner'
import { RoomFeed } from '#chat/src/room_feed'
import { DEFAULT_LIMITS } from '#chat/src/limits'
import { noopChatMetrics } from '#chat/src/chat_metrics'
import type { StoredMessage } from '#chat/src/message_store'
import { MemoryMessageStore } from '#tests/helpers/chat_core/memory_message_store'
import { FakeClock } from '#tests/helpers/chat_core/fake_clock'
import {
  fakeConnection,
  messageSeqs,
  type ReceivedFrame,
} from '#tests/helpers/chat_core/fake_socket'
import { settle, silentLogger } from '#tests/helpers/chat_core/chat_core'

const ana = { id: 1, username: 'ana' }
const bob = { id: 2, username: 'bob' }

/**
 * A feed of room 1 over a memory store holding `count` messages by ana
 */
async function feedOver(count: number, headSeq = count, presenceIntervalMs = 20) {
  const clock = new FakeClock()
  const store = new MemoryMessageStore(clock)
  store.addRoom(1, ana.id)
  const stored: StoredMessage[] = []
  for (let index = 1; index <= count; index++) {
    stored.push((await store.append({ room: 1, user: ana, clientId: null, text: `m${index}` }))!)
  }
  const feed = new RoomFeed(1, headSeq, {
    store,
    logger: silentLogger,
    clock,
    limits: { ...DEFAULT_LIMITS, presenceIntervalMs },
    metrics: noopChatMetrics,
  })
  return { feed, store, stored }
}

/**
 * The presence frames among `frames`
 */
function presenceFrames(frames: ReceivedFrame[]) {
  return frames.filter((frame) => frame.type === 'presence')
}

test.group('RoomFeed (in memory)', () => {
  test('delivers in seq order: an early offer is filled from the store, late ones are dropped', async ({
    assert,
  }) => {
    const { feed, stored } = await feedOver(3, 0)
    const live = fakeConnection(ana)
    feed.add(live.connection)
    feed.goLive(live.connection, 0)

    feed.offer(stored[2])
    feed.offer(stored[1])
    feed.ring(3)
    await settle()

    assert.deepEqual(messageSeqs(live.frames), [1, 2, 3])
  })

  test('a replay and the live frames held back meanwhile merge without gap or repeat', async ({
    assert,
  }) => {
    const { feed, store, stored } = await feedOver(3)
    const readAfter = store.readAfter.bind(store)
    let releaseRead = () => {}
    store.readAfter = async (room, afterSeq, limit) => {
      const page = await readAfter(room, afterSeq, limit)
      await new Promise<void>((resolve) => (releaseRead = resolve))
      return page
    }
    const resuming = fakeConnection(bob)
    assert.equal(feed.add(resuming.connection), 3)

    const replay = feed.replay(resuming.connection, 1)
    await settle()
    const fourth = (await store.append({ room: 1, user: ana, clientId: null, text: 'm4' }))!
    store.readAfter = readAfter
    feed.offer(fourth)
    await settle()
    assert.deepEqual(messageSeqs(resuming.frames), [], 'live frames wait for the replay')
    releaseRead()
    await replay
    feed.offer(stored[2])
    await settle()

    assert.deepEqual(messageSeqs(resuming.frames), [2, 3, 4])
  })

  test('a replay that already read a held-back frame does not send it twice', async ({
    assert,
  }) => {
    const { feed, store } = await feedOver(2)
    const resuming = fakeConnection(bob)
    feed.add(resuming.connection)
    const third = (await store.append({ room: 1, user: ana, clientId: null, text: 'm3' }))!
    feed.offer(third)
    await settle()

    await feed.replay(resuming.connection, 0)

    assert.deepEqual(messageSeqs(resuming.frames), [1, 2, 3])
  })

  test('a revoked user is told and leaves; the others stay and keep receiving', async ({
    assert,
  }) => {
    const { feed, store } = await feedOver(0)
    const anaSocket = fakeConnection(ana)
    const bobSocket = fakeConnection(bob)
    for (const socket of [anaSocket, bobSocket]) {
      socket.connection.rooms.add(1)
      feed.add(socket.connection)
      feed.goLive(socket.connection, 0)
    }

    feed.revoke(bob.id)
    feed.offer((await store.append({ room: 1, user: ana, clientId: null, text: 'after' }))!)
    await settle()
    await sleep(40)

    assert.equal(feed.size, 1)
    assert.deepEqual([...bobSocket.connection.rooms], [])
    assert.deepEqual(
      bobSocket.frames.map((frame) => frame.type),
      ['joined', 'room_access_revoked']
    )
    assert.deepEqual(
      anaSocket.frames.map(({ type, seq, joined, left }) =>
        type === 'presence' ? [type, { joined, left }] : [type, seq ?? null]
      ),
      [
        ['joined', null],
        ['presence', { joined: [bob], left: [] }],
        ['message', 1],
        ['presence', { joined: [], left: [bob] }],
      ]
    )
    feed.close()
  })

  test('presence: a change in a quiet room is told at once to the others; the changes of the next interval go in one frame at its end, each person once by where they are now', async ({
    assert,
  }) => {
    const { feed } = await feedOver(0, 0, 200)
    const carl = { id: 3, username: 'carl' }
    const dave = { id: 4, username: 'dave' }
    const anaSocket = fakeConnection(ana)
    feed.add(anaSocket.connection)
    const bobSocket = fakeConnection(bob)
    feed.add(bobSocket.connection)

    assert.deepEqual(anaSocket.frames.at(-1), {
      type: 'presence',
      room: 1,
      joined: [bob],
      left: [],
    })
    assert.deepEqual(
      bobSocket.frames.map((frame) => frame.type),
      ['joined'],
      'the joiner is listed in its own joined frame'
    )
    const carlSocket = fakeConnection(carl)
    feed.add(carlSocket.connection)
    const daveSocket = fakeConnection(dave)
    feed.add(daveSocket.connection)
    feed.remove(daveSocket.connection)
    feed.remove(bobSocket.connection)
    assert.deepEqual(
      carlSocket.frames.at(-1)?.online,
      [ana, bob, carl],
      'a socket joining meanwhile is told who is there'
    )
    await sleep(150)
    assert.lengthOf(presenceFrames(anaSocket.frames), 1, 'the interval is not over')

    await sleep(100)
    const batch = { type: 'presence', room: 1, joined: [carl], left: [dave, bob] }
    assert.deepEqual(presenceFrames(anaSocket.frames), [anaSocket.frames[1], batch])
    assert.deepEqual(presenceFrames(carlSocket.frames), [batch])
    assert.lengthOf(presenceFrames(daveSocket.frames), 0)

    await sleep(250)
    feed.remove(carlSocket.connection)
    assert.deepEqual(anaSocket.frames.at(-1), {
      type: 'presence',
      room: 1,
      joined: [],
      left: [carl],
    })
    feed.close()
  })

  test('a failed store read is logged and the feed goes on with the next ring', async ({
    assert,
  }) => {
    const { feed, store, stored } = await feedOver(2, 0)
    const live = fakeConnection(ana)
    feed.add(live.connection)
    feed.goLive(live.connection, 0)
    store.failing = new Error('database down')
    feed.ring(2)
    await settle()
    store.failing = null
    feed.offer(stored[0])
    feed.ring(2)
    await settle()
    feed.close()

    assert.deepEqual(messageSeqs(live.frames), [1, 2])
  })
})

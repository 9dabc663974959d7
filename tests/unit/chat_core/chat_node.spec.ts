import { test } from '@japa/runner'
import { CHANGE_REFUSALS } from '#chat/src/message_store'
import { memoryChat, openSession, until } from '#tests/helpers/chat_core/chat_core'
import { messageSeqs } from '#tests/helpers/chat_core/fake_socket'
import type { ReadMark, ReadMarkers } from '#chat/src/read_markers'

const ana = { id: 1, username: 'ana' }
const bob = { id: 2, username: 'bob' }

/**
 * Ana and Bob each joined room 1 (owned by ana) on `node`
 */
async function twoJoinedOn(chat: ReturnType<typeof memoryChat>, node = chat.node()) {
  chat.store.addRoom(1, ana.id)
  const anaSession = openSession(node, ana)
  const bobSession = openSession(node, bob)
  for (const session of [anaSession, bobSession]) {
    session.send({ type: 'join', room: 1 })
    await session.next({ type: 'joined' })
  }
  return { node, anaSession, bobSession }
}

test.group('ChatNode and ChatSession (in memory)', (group) => {
  let chat: ReturnType<typeof memoryChat>
  group.each.setup(() => {
    chat = memoryChat()
    return () => chat.close()
  })

  test('a send is acked to the sender before its message frame, and reaches everyone joined', async ({
    assert,
  }) => {
    const { anaSession, bobSession } = await twoJoinedOn(chat)

    anaSession.send({ type: 'send', room: 1, client_id: 'c-1', text: 'hello' })
    await bobSession.next({ type: 'message', seq: 1 })
    await anaSession.next({ type: 'message', seq: 1 })

    const anaTypes = anaSession.frames
      .map((frame) => frame.type)
      .filter((type) => type !== 'presence')
    assert.deepEqual(anaTypes, ['joined', 'ack', 'message'])
    assert.deepEqual(messageSeqs(bobSession.frames), [1])
  })

  test('a post from the web app takes the same path: sockets here from memory, other nodes by the bus', async ({
    assert,
  }) => {
    const { node, bobSession } = await twoJoinedOn(chat)
    const elsewhere = openSession(chat.node(), ana)
    elsewhere.send({ type: 'join', room: 1 })
    await elsewhere.next({ type: 'joined' })

    const stored = await node.post({ room: 1, user: ana, clientId: 'web-1', text: 'from HTTP' })
    await bobSession.next({ type: 'message', seq: 1 })
    await elsewhere.next({ type: 'message', seq: 1 })
    const again = await node.post({ room: 1, user: ana, clientId: 'web-1', text: 'from HTTP' })

    assert.equal(stored!.seq, 1)
    assert.isTrue(again!.duplicate)
    assert.deepEqual(messageSeqs(bobSession.frames), [1])
    assert.deepEqual(messageSeqs(elsewhere.frames), [1])
  })

  test('a resent client_id gets the same ack and no second message', async ({ assert }) => {
    const { anaSession, bobSession } = await twoJoinedOn(chat)

    anaSession.send({ type: 'send', room: 1, client_id: 'c-1', text: 'once' })
    anaSession.send({ type: 'send', room: 1, client_id: 'c-1', text: 'once' })
    await until(() => anaSession.frames.filter((frame) => frame.type === 'ack').length === 2)
    await bobSession.next({ type: 'message', seq: 1 })

    const acks = anaSession.frames.filter((frame) => frame.type === 'ack')
    assert.deepEqual(
      acks.map((ack) => ack.seq),
      [1, 1]
    )
    assert.equal(chat.store.lastSeq(1), 1)
    assert.deepEqual(messageSeqs(bobSession.frames), [1])
  })

  test('a refused edit answers the shared refusal message', async ({ assert }) => {
    const { anaSession, bobSession } = await twoJoinedOn(chat)
    anaSession.send({ type: 'send', room: 1, client_id: 'c-1', text: 'mine' })
    await bobSession.next({ type: 'message', seq: 1 })

    bobSession.send({ type: 'edit', room: 1, client_id: 'e-1', target: 1, text: 'yours now' })
    const refusal = await bobSession.next({ type: 'error' })

    assert.deepEqual(
      [refusal.code, refusal.message, refusal.ref],
      ['forbidden', CHANGE_REFUSALS.forbidden, 'e-1']
    )
  })

  test('frames beyond the burst are refused until the fake clock refills the bucket', async ({
    assert,
  }) => {
    chat = memoryChat({ framesPerSecond: 1, frameBurst: 2 })
    chat.store.addRoom(1, ana.id)
    const session = openSession(chat.node(), ana)

    session.send({ type: 'ping' })
    session.send({ type: 'ping' })
    session.send({ type: 'ping' })
    await session.next({ type: 'error' })
    chat.clock.advance(1000)
    session.send({ type: 'ping' })
    await until(() => session.frames.filter((frame) => frame.type === 'pong').length === 3)

    assert.deepEqual(
      session.frames.map((frame) => frame.code ?? frame.type),
      ['pong', 'pong', 'rate_limited', 'pong']
    )
  })

  test('a deleted room and a revoked member reach the sockets of every node', async ({
    assert,
  }) => {
    const { node, anaSession, bobSession } = await twoJoinedOn(chat)
    chat.store.addRoom(2, ana.id)
    const elsewhere = openSession(chat.node(), bob)
    for (const room of [1, 2]) {
      elsewhere.send({ type: 'join', room })
      await elsewhere.next({ type: 'joined', room })
    }

    chat.hide(1, bob)
    await node.accessRevoked(1, bob.id)
    await bobSession.next({ type: 'room_access_revoked', room: 1 })
    await elsewhere.next({ type: 'room_access_revoked', room: 1 })
    chat.store.deleteRoom(2)
    await node.roomDeleted(2)
    await elsewhere.next({ type: 'room_deleted', room: 2 })
    anaSession.send({ type: 'send', room: 1, client_id: 'c-1', text: 'members only' })
    await anaSession.next({ type: 'message', seq: 1 })

    assert.deepEqual([...bobSession.connection.rooms], [])
    assert.deepEqual([...elsewhere.connection.rooms], [])
    assert.deepEqual(messageSeqs(bobSession.frames), [])
  })

  test('read marks that come while a write of marks is in flight go together in the next write, each answered with its own marker', async ({
    assert,
  }) => {
    const writes: ReadMark[][] = []
    let releaseFirst = () => {}
    const firstWritten = new Promise<void>((resolve) => (releaseFirst = resolve))
    const markers: ReadMarkers = {
      async markMany(marks) {
        writes.push(marks)
        if (writes.length === 1) await firstWritten
        return marks.map((mark) => (mark.room === 1 ? mark.seq : null))
      },
    }
    const node = chat.node(markers)

    const first = node.markRead(ana.id, 1, 4)
    const waiting = [node.markRead(bob.id, 1, 2), node.markRead(ana.id, 9, 1)]
    const third = node.markRead(bob.id, 1, 3)
    assert.lengthOf(writes, 1)
    releaseFirst()

    assert.deepEqual(await Promise.all([first, ...waiting, third]), [4, 2, null, 3])
    assert.deepEqual(writes, [
      [{ user: ana.id, room: 1, seq: 4 }],
      [
        { user: bob.id, room: 1, seq: 2 },
        { user: ana.id, room: 9, seq: 1 },
        { user: bob.id, room: 1, seq: 3 },
      ],
    ])
  })
})

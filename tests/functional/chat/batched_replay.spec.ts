import { test } from '@japa/runner'
import { chatGroup, connect, createUser, join, say } from '#tests/helpers/chat_fixtures'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import type { ChatTestClient, Frame } from '#tests/helpers/ws_client'

/** More than one replay page (2,500 entries), so pages and batches both split it */
const BACKLOG = 2600
/** Live messages sent while the replay runs (within the 20-frame burst) */
const LIVE = 15

/**
 * The message entries a socket received, in arrival order: those of `replay`
 * frames and lone `message` frames alike
 */
function entriesOf(client: ChatTestClient) {
  return client.received.flatMap((frame): Frame[] => {
    if (frame.type === 'replay') return frame.messages
    return frame.type === 'message' ? [frame] : []
  })
}

chatGroup('Chat: batched replay', (chat) => {
  test('a join with batch: true replays in replay frames the same entries, in order, then live', async ({
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoomWithMessages(ana, BACKLOG, {
      bodies: ['one', '**two**', 'th"ree'],
    })
    const anaSocket = await connect(chat, ana)
    await join(anaSocket, room)
    const batched = await connect(chat, bob)

    batched.send({ type: 'join', room: room.id, since: 0, batch: true })
    const acks = await Promise.all(
      Array.from({ length: LIVE }, (_, index) =>
        say(anaSocket, room, `live-${index}`, `live ${index}`)
      )
    )
    const last = BACKLOG + LIVE
    assert.deepEqual(
      acks.map((ack) => ack.seq).sort((a, b) => a - b),
      Array.from({ length: LIVE }, (_, index) => BACKLOG + 1 + index)
    )
    await batched.next((frame) => frame.type === 'message' && frame.seq === last, 30_000)
    await batched.roundTrip()

    const replays = batched.receivedOfType('replay')
    assert.isAbove(replays.length, 0)
    assert.isBelow(replays.length, BACKLOG)
    assert.isTrue(replays.every((frame) => frame.room === room.id))
    const entries = entriesOf(batched)
    assert.deepEqual(
      entries.map((entry) => entry.seq),
      Array.from({ length: last }, (_, index) => index + 1)
    )

    const unbatched = await connect(chat, bob)
    await join(unbatched, room, 0)
    await unbatched.next({ type: 'message', seq: last }, 30_000)
    await unbatched.roundTrip()
    assert.deepEqual(unbatched.receivedOfType('replay'), [])
    assert.deepEqual(entries, entriesOf(unbatched))
  })
})

import { test } from '@japa/runner'
import { MUTE_RECHECK_MS, RoomMutes } from '#chat/src/room_mutes'
import type { RoomAccess } from '#chat/src/room_access'
import { FakeClock } from '#tests/helpers/chat_core/fake_clock'
import { memoryChat, openSession } from '#tests/helpers/chat_core/chat_core'

/**
 * A RoomAccess whose mutes the test sets, counting the reads
 */
function recordedAccess() {
  const mutes = new Map<string, number>()
  const reads: string[] = []
  const access: RoomAccess = {
    visibleRoom: async () => null,
    mayModerate: async () => false,
    mutedUntil: async (room, user) => {
      reads.push(`${room}:${user}`)
      return mutes.get(`${room}:${user}`) ?? null
    },
    isArchived: async () => false,
  }
  return { access, mutes, reads }
}

test.group('RoomMutes (in memory)', () => {
  test('reads a user’s mute once per recheck window; an announced change counts at once', async ({
    assert,
  }) => {
    const clock = new FakeClock()
    const { access, mutes, reads } = recordedAccess()
    const known = new RoomMutes(access, clock)

    assert.isNull(await known.mutedUntil(1, 2))
    mutes.set('1:2', clock.now() + 60_000)
    assert.isNull(await known.mutedUntil(1, 2), 'still within the window')
    clock.advance(MUTE_RECHECK_MS)
    assert.equal(await known.mutedUntil(1, 2), clock.now() + 60_000 - MUTE_RECHECK_MS)
    assert.deepEqual(reads, ['1:2', '1:2'])

    known.learn(1, 2, null)
    assert.isNull(await known.mutedUntil(1, 2))
    known.learn(1, 2, clock.now() + 1000)
    clock.advance(1000)
    assert.isNull(await known.mutedUntil(1, 2), 'a mute ends on its own')
    assert.lengthOf(reads, 2)
  })

  test('a muted user’s send is refused with the muted error; other people still post', async ({
    assert,
  }) => {
    const chat = memoryChat()
    const ana = { id: 1, username: 'ana' }
    const bob = { id: 2, username: 'bob' }
    chat.store.addRoom(1, ana.id)
    const node = chat.node()
    const until = chat.clock.now() + 600_000
    chat.mute(1, bob, until)
    const bobSession = openSession(node, bob)
    const anaSession = openSession(node, ana)
    for (const session of [anaSession, bobSession]) {
      session.send({ type: 'join', room: 1 })
      await session.next({ type: 'joined' })
    }
    bobSession.send({ type: 'send', room: 1, client_id: 'b-1', text: 'hi' })
    anaSession.send({ type: 'send', room: 1, client_id: 'a-1', text: 'hello' })
    const refusal = await bobSession.next({ type: 'error' })
    assert.deepEqual(refusal, {
      type: 'error',
      code: 'muted',
      message: `Muted in this room until ${new Date(until).toISOString()}`,
      ref: 'b-1',
    })
    await anaSession.next({ type: 'ack', client_id: 'a-1' })
    assert.equal(chat.store.lastSeq(1), 1)
    await chat.close()
  })
})

import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { recordPresence } from '#tests/helpers/presence_events'
import { PresenceDirectory } from '#services/people/presence_directory'
import { FakeClock } from '#tests/helpers/chat_core/fake_clock'
import { silentLogger } from '#tests/helpers/chat_core/chat_core'
import type { ChatNode, PresenceEvent } from '#chat/index'

/**
 * A directory over a stand-in node whose presence events the test sends
 */
async function directoryWithNodes(announceWindowMs?: number) {
  let listener: (event: PresenceEvent) => void = () => {}
  const chat = {
    presence: {
      follow: async (follower: typeof listener) => {
        listener = follower
      },
      unfollow: async () => {},
    },
  } as unknown as Pick<ChatNode, 'presence'>
  const clock = new FakeClock()
  const directory = new PresenceDirectory(chat, silentLogger, clock, announceWindowMs)
  await directory.start()
  return {
    directory,
    clock,
    say: (node: string, presence: PresenceEvent['presence']) => listener({ node, presence }),
  }
}

test.group('Presence directory', () => {
  test('online on any node wins over away; a node silent for 90 s is forgotten', async ({
    assert,
    cleanup,
  }) => {
    const { directory, clock, say } = await directoryWithNodes()
    cleanup(() => directory.close())
    say('a', [[7, 'away']])
    say('b', [
      [7, 'online'],
      [8, 'away'],
    ])
    assert.deepEqual(directory.statesOf([7, 8, 9]), { 7: 'online', 8: 'away', 9: 'offline' })
    say('b', [[7, 'offline']])
    assert.equal(directory.stateOf(7), 'away')
    clock.advance(60_000)
    say('a', [[7, 'away']])
    clock.advance(60_000)
    assert.deepEqual(directory.statesOf([7, 8]), { 7: 'away', 8: 'offline' })
    clock.advance(31_000)
    assert.equal(directory.stateOf(7), 'offline')
  })

  test("a window's changes go to pages in one event, each person's latest state once, at most 200 people an event", async ({
    assert,
    cleanup,
  }) => {
    const presence = recordPresence(cleanup)
    const { directory, say } = await directoryWithNodes(50)
    cleanup(() => directory.close())
    say('a', [[7, 'online']])
    say('a', [[8, 'away']])
    say('b', [[9, 'online']])
    say('a', [[7, 'away']])
    say('b', [[9, 'offline']])
    assert.deepEqual(presence.events, [])
    await sleep(100)
    assert.deepEqual(presence.events, [
      [
        [7, 'away'],
        [8, 'away'],
        [9, 'offline'],
      ],
    ])

    const arriving = Array.from({ length: 450 }, (_, index): [number, 'online'] => [
      100 + index,
      'online',
    ])
    say('a', arriving)
    await sleep(100)
    assert.deepEqual(
      presence.events.slice(1).map((people) => people.length),
      [200, 200, 50]
    )
    assert.deepEqual(presence.events.slice(1).flat(), arriving)
  })
})

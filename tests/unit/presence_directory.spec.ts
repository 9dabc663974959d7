import { test } from '@japa/runner'
import { PresenceDirectory } from '#services/people/presence_directory'
import { FakeClock } from '#tests/helpers/chat_core/fake_clock'
import { silentLogger } from '#tests/helpers/chat_core/chat_core'
import type { ChatNode, PresenceEvent } from '#chat/index'

/**
 * A directory over a stand-in node whose presence events the test sends
 */
async function directoryWithNodes() {
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
  const directory = new PresenceDirectory(chat, silentLogger, clock)
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
})

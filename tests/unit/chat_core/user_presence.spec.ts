import { test } from '@japa/runner'
import { UserPresence } from '#chat/src/user_presence'
import { PresencePublisher } from '#chat/src/presence_publisher'
import type { PresenceEvent } from '#chat/src/bus'
import type { Connection } from '#chat/src/connection'

/**
 * A stand-in socket of user `id` (presence reads only its user)
 */
function socketOf(id: number) {
  return { user: { id, username: `user${id}` } } as Connection
}

test.group('Chat core: user presence', () => {
  test('a person is online with an active socket, away with only away ones, then offline', ({
    assert,
  }) => {
    const presence = new UserPresence()
    const phone = socketOf(1)
    const laptop = socketOf(1)
    assert.deepEqual(
      [
        presence.connected(phone),
        presence.reported(phone, 'away'),
        presence.connected(laptop),
        presence.reported(laptop, 'away'),
        presence.reported(laptop, 'away'),
        presence.disconnected(phone),
        presence.reported(laptop, 'active'),
        presence.disconnected(laptop),
        presence.reported(laptop, 'active'),
      ],
      ['online', 'away', 'online', 'away', null, null, 'online', 'offline', null]
    )
    assert.deepEqual([...presence.states()], [])
  })

  test('the heartbeat repeats everyone in events of at most 200 people', ({ assert }) => {
    const presence = new UserPresence()
    for (let id = 1; id <= 450; id++) {
      presence.connected(socketOf(id))
    }
    const events: PresenceEvent[] = []
    const publisher = new PresencePublisher({
      node: 'n1',
      announce: (event) => events.push(event),
      states: () => presence.states(),
    })
    publisher.repeat()
    assert.deepEqual(
      events.map((event) => event.presence.length),
      [200, 200, 50]
    )
    assert.deepEqual(events[0].presence[6], [7, 'online'])
    assert.isBelow(JSON.stringify(events[0]).length, 8000)
  })
})

import { test } from '@japa/runner'
import transmit from '@adonisjs/transmit/services/main'
import env from '#start/env'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { logIn, TransmitStream } from '#tests/helpers/transmit_stream'

/**
 * The web app under test
 */
const origin = `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * The uids of the streams Transmit finds for each of `channels`, through the
 * index, and through the manager's own storage (every stream and its channels)
 */
function streamsFound(channels: string[]) {
  const manager = transmit.getManager()
  const uids = (streams: Iterable<{ getUid(): string }>) =>
    [...streams].map((stream) => stream.getUid()).sort()
  const scanned = (channel: string) =>
    [...manager.getAllSubscribers()]
      .filter(([, subscribed]) => subscribed.has(channel))
      .map(([stream]) => stream)
  return {
    indexed: channels.map((channel) => uids(manager.findByChannel(channel))),
    stored: channels.map((channel) => uids(scanned(channel))),
  }
}

/**
 * Resolves once no stream of the manager has uid `uid` (the server saw it close)
 */
async function closedOnServer(uid: string) {
  for (;;) {
    const streams = [...transmit.getManager().getAllSubscribers().keys()]
    if (!streams.some((stream) => stream.getUid() === uid)) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

test.group('Transmit: channels found through an index', (group) => {
  group.each.setup(() => truncateTables())

  test('broadcasts reach exactly the subscribed streams, after subscribing, unsubscribing and closing', async ({
    assert,
    cleanup,
  }) => {
    assert.isTrue(Object.hasOwn(transmit.getManager(), 'findByChannel'), 'the index is installed')
    const [ana, bob] = await Promise.all([UserFactory.create(), UserFactory.create()])
    const [anaCookie, bobCookie] = await Promise.all([
      logIn(origin, ana.username),
      logIn(origin, bob.username),
    ])
    const anaTab = await TransmitStream.open(origin, anaCookie, ['lobby', `users/${ana.id}`])
    const anaOtherTab = await TransmitStream.open(origin, anaCookie, ['lobby'])
    const bobTab = await TransmitStream.open(origin, bobCookie, ['lobby', `users/${bob.id}`])
    const tabs = [anaTab, anaOtherTab, bobTab]
    cleanup(() => tabs.forEach((tab) => tab.close()))
    const channels = ['lobby', `users/${ana.id}`, `users/${bob.id}`, 'presence']

    let found = streamsFound(channels)
    assert.deepEqual(found.indexed, found.stored)
    assert.deepEqual(found.indexed, [
      [anaTab.uid, anaOtherTab.uid, bobTab.uid].sort(),
      [anaTab.uid],
      [bobTab.uid],
      [],
    ])

    // Each tab hears what it follows, and nothing else (events arrive in order: the
    // lobby's event comes after the private one)
    transmit.broadcast(`users/${ana.id}`, { type: 'note', n: 1 })
    transmit.broadcast('lobby', { type: 'note', n: 2 })
    for (const tab of tabs) await tab.next((event) => event.payload.n === 2)
    assert.deepEqual(
      tabs.map((tab) => tab.received.map((event) => event.payload.n)),
      [[1, 2], [2], [2]]
    )

    const left = await fetch(`${origin}/__transmit/unsubscribe`, {
      method: 'POST',
      headers: { 'cookie': anaCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ uid: anaTab.uid, channel: 'lobby' }),
    })
    assert.equal(left.status, 204)
    bobTab.close()
    await closedOnServer(bobTab.uid)

    found = streamsFound(channels)
    assert.deepEqual(found.indexed, found.stored)
    assert.deepEqual(found.indexed, [[anaOtherTab.uid], [anaTab.uid], [], []])
    transmit.broadcast('lobby', { type: 'note', n: 3 })
    transmit.broadcast(`users/${ana.id}`, { type: 'note', n: 4 })
    await anaTab.next((event) => event.payload.n === 4)
    await anaOtherTab.next((event) => event.payload.n === 3)
    assert.deepEqual(
      [anaTab, anaOtherTab].map((tab) => tab.received.map((event) => event.payload.n)),
      [
        [1, 2, 4],
        [2, 3],
      ]
    )
  })
})

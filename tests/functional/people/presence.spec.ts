import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { ChatNode } from '#chat/index'
import { PresenceDirectory } from '#services/people/presence_directory'
import { recordPresence } from '#tests/helpers/presence_events'
import { chatGroup, connect, createUser } from '#tests/helpers/chat_fixtures'

/**
 * A presence directory following the web app's chat node (in standalone
 * mode, one on the postgres bus hearing the chat process), announcing
 * every tick's changes at once
 */
async function followPresence(cleanup: (handler: () => Promise<void>) => void) {
  const directory = new PresenceDirectory(
    await app.container.make(ChatNode),
    await app.container.make('logger'),
    undefined,
    0
  )
  await directory.start()
  cleanup(() => directory.close())
  return directory
}

chatGroup('People: presence', (chat) => {
  test('sockets make a person online, away when all are away, offline when gone', async ({
    assert,
    cleanup,
  }) => {
    const changes = recordPresence(cleanup)
    const directory = await followPresence(cleanup)
    const ana = await createUser()
    const bob = await createUser()

    const first = await connect(chat, ana)
    await changes.next(ana.id, 'online')
    assert.deepEqual(directory.statesOf([ana.id, bob.id]), {
      [ana.id]: 'online',
      [bob.id]: 'offline',
    })

    first.send({ type: 'status', state: 'away' })
    await changes.next(ana.id, 'away')
    const second = await connect(chat, ana)
    await changes.next(ana.id, 'online')
    second.send({ type: 'status', state: 'away' })
    await changes.next(ana.id, 'away')
    first.send({ type: 'status', state: 'active' })
    await changes.next(ana.id, 'online')
    assert.equal(directory.stateOf(ana.id), 'online')

    await first.close()
    await changes.next(ana.id, 'away')
    await second.close()
    await changes.next(ana.id, 'offline')
    assert.equal(directory.stateOf(ana.id), 'offline')
  })

  test('a bad status frame is refused and changes nothing', async ({ assert, cleanup }) => {
    const changes = recordPresence(cleanup)
    await followPresence(cleanup)
    const ana = await createUser()
    const socket = await connect(chat, ana)
    await changes.next(ana.id, 'online')
    socket.send({ type: 'status', state: 'asleep' })
    const refusal = await socket.next({ type: 'error' })
    assert.deepEqual(
      [refusal.code, refusal.message],
      ['invalid_frame', '"state" must be "active" or "away"']
    )
    await socket.roundTrip()
    assert.notDeepInclude(changes.changes, { user: ana.id, state: 'away' })
  })
})

test.group('People: presence over HTTP', () => {
  test('pages read states by id; a bad id list is refused', async ({ client, assert }) => {
    const viewer = await createUser()
    const states = await client
      .get('/presence')
      .qs({ ids: `${viewer.id},99999` })
      .loginAs(viewer)
      .accept('json')
    assert.deepEqual(states.body(), { data: { [viewer.id]: 'offline', 99999: 'offline' } })
    const refused = await client.get('/presence').qs({ ids: '1;2' }).loginAs(viewer).accept('json')
    refused.assertStatus(422)
    const guest = await client.get('/presence').qs({ ids: '1' }).accept('json')
    guest.assertStatus(401)
  })

  test('ids as a page script sends them: literal commas, up to 200', async ({ client, assert }) => {
    const viewer = await createUser()
    const two = await client.get(`/presence?ids=${viewer.id},99999`).loginAs(viewer).accept('json')
    assert.deepEqual(two.body(), { data: { [viewer.id]: 'offline', 99999: 'offline' } })

    const ids = Array.from({ length: 200 }, (_, index) => viewer.id + index)
    const many = await client
      .get(`/presence?ids=${ids.join(',')}`)
      .loginAs(viewer)
      .accept('json')
    many.assertStatus(200)
    assert.lengthOf(Object.keys(many.body().data), 200)
    const tooMany = await client
      .get(`/presence?ids=${[...ids, 0].join(',')}`)
      .loginAs(viewer)
      .accept('json')
    tooMany.assertStatus(422)
  })
})

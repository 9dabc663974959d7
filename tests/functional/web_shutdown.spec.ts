import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { startAppProcess } from '#tests/helpers/app_process'
import { createRoom, createUser, join, ticketFor } from '#tests/helpers/chat_fixtures'
import { ChatTestClient } from '#tests/helpers/ws_client'

test.group('Web server graceful shutdown', (group) => {
  group.each.setup(() => truncateTables())

  test('SIGTERM closes in-process chat sockets with 1001 and exits 0', async ({
    assert,
    cleanup,
  }) => {
    const web = await startAppProcess({ CHAT_MODE: 'inprocess' })
    cleanup(async () => {
      await web.stop()
    })
    const origin = web.url.replace('http://', 'https://')

    const user = await createUser()
    const room = await createRoom(user)
    const socketUrl = `${web.url.replace('http://', 'ws://')}/ws`
    const client = await ChatTestClient.open(socketUrl, ticketFor(user), { origin })
    await join(client, room)

    const exited = web.stop()
    const { code } = await client.closed
    assert.equal(code, 1001)
    assert.equal(await exited, 0)
  }).timeout(60_000)
})

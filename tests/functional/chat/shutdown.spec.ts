import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { startChatProcess } from '#tests/helpers/chat_process'
import { closeAllClients } from '#tests/helpers/ws_client'
import { connect, createRoom, createUser, join } from '#tests/helpers/chat_fixtures'

test.group('Standalone chat service shutdown', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('SIGTERM closes every socket with 1001 and exits 0', async ({ assert }) => {
    const chat = await startChatProcess()
    const ana = await createUser()
    const room = await createRoom(ana)
    const first = await connect(chat, ana)
    const second = await connect(chat, await createUser())
    await join(first, room)

    const exitCode = await chat.stop()

    assert.equal(exitCode, 0)
    const closes = await Promise.all([first.closed, second.closed])
    assert.deepEqual(
      closes.map(({ code }) => code),
      [1001, 1001]
    )
  })
})

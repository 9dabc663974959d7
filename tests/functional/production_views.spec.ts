import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import db from '@adonisjs/lucid/services/db'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { startAppProcess, type AppProcess } from '#tests/helpers/app_process'
import { CookieJar } from '#tests/helpers/cookie_jar'

/**
 * Appends messages to a room's log the way the store does (seq from last_seq)
 */
async function appendMessages(roomId: number, userId: number, texts: string[]) {
  for (const text of texts) {
    await db.rawQuery(
      `WITH head AS (UPDATE rooms SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq)
       INSERT INTO messages (room_id, user_id, seq, body, created_at) SELECT ?, ?, last_seq, ?, now() FROM head`,
      [roomId, roomId, userId, text]
    )
  }
}

/**
 * The body of a page fetched with the jar's cookies
 */
async function pageText(jar: CookieJar, url: string) {
  const response = await jar.fetch(url)
  return response.text()
}

test.group('Views in production (Edge caches compiled templates and partials)', (group) => {
  let web: AppProcess

  group.setup(async () => {
    web = await startAppProcess()
    return async () => {
      await web.stop()
    }
  })
  group.each.setup(() => truncateTables())

  test('cached partials render each request with its own data', async ({ assert }) => {
    const user = await UserFactory.create()
    const [first, second] = await RoomFactory.merge({ ownerId: user.id }).createMany(2)
    await appendMessages(first.id, user.id, ['first room says hello'])
    await appendMessages(second.id, user.id, ['second room says bye'])
    const jar = new CookieJar()
    await jar.submit(`${web.url}/login`, `${web.url}/login`, {
      username: user.username,
      password: 'secret-password',
    })

    const firstPage = await pageText(jar, `${web.url}/rooms/${first.id}`)
    const secondPage = await pageText(jar, `${web.url}/rooms/${second.id}`)
    await appendMessages(first.id, user.id, ['a later message'])
    const firstAgain = await pageText(jar, `${web.url}/rooms/${first.id}`)
    const lobby = await pageText(jar, `${web.url}/rooms`)

    assert.include(firstPage, 'first room says hello')
    assert.notInclude(firstPage, 'second room says bye')
    assert.include(secondPage, 'second room says bye')
    assert.notInclude(secondPage, 'first room says hello')
    assert.include(firstAgain, 'first room says hello')
    assert.include(firstAgain, 'a later message')
    assert.include(lobby, first.name)
    assert.include(lobby, second.name)
  }).timeout(30_000)
})

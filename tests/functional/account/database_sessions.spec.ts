import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { startAppProcess, type AppProcess } from '#tests/helpers/app_process'
import { CookieJar } from '#tests/helpers/cookie_jar'
import type User from '#models/user'

test.group('Account with database sessions (the app as deployed)', (group) => {
  let web: AppProcess

  group.setup(async () => {
    web = await startAppProcess()
    return async () => {
      await web.stop()
    }
  })
  group.each.setup(() => truncateTables())

  /**
   * A browser signed in as `user` on the deployed app, its session tagged
   */
  async function signIn(user: User, userAgent: string) {
    const browser = new CookieJar()
    await browser.submit(
      `${web.url}/login`,
      `${web.url}/login`,
      { username: user.username, password: 'secret-password' },
      { 'user-agent': userAgent }
    )
    await browser.fetch(`${web.url}/rooms`, { headers: { 'user-agent': userAgent } })
    return browser
  }

  test('sessions are rows tagged with their user; a password change deletes the others', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const here = await signIn(user, 'Laptop')
    const there = await signIn(user, 'Phone')
    const rows = await db.from('sessions').where('user_id', String(user.id))
    assert.lengthOf(rows, 2)
    const response = await here.fetch(`${web.url}/account`)
    const page = await response.text()
    assert.match(page, /data-session="[0-9a-f]{32}">\s*<span>\s*Laptop/)
    assert.match(page, /data-session="[0-9a-f]{32}">\s*<span>\s*Phone/)

    const changed = await here.submit(
      `${web.url}/account/password?_method=PUT`,
      `${web.url}/account`,
      {
        currentPassword: 'secret-password',
        password: 'a-new-password',
        passwordConfirmation: 'a-new-password',
      }
    )

    assert.equal(changed.headers.get('location'), '/account')
    const left = await db.from('sessions').where('user_id', String(user.id))
    assert.lengthOf(left, 1)
    const refused = await there.fetch(`${web.url}/rooms`)
    assert.equal(refused.headers.get('location'), '/login')
    const kept = await here.fetch(`${web.url}/rooms`)
    assert.equal(kept.status, 200)
  })

  test('probes and the metrics scrape start no session', async ({ assert }) => {
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      const response = await fetch(`${web.url}${path}`)
      await response.arrayBuffer()
      assert.isNull(response.headers.get('set-cookie'), path)
    }
    const rows = await db.from('sessions').count('* as total')
    assert.equal(Number(rows[0].total), 0)
  })

  test('a request that changes nothing writes nothing; the expiry moves at most once a minute', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const browser = await signIn(user, 'Laptop')
    const laptop = { 'user-agent': 'Laptop' }
    const before = await db.from('sessions').where('user_id', String(user.id)).firstOrFail()

    // Node's fetch says `Sec-Fetch-Mode: cors`, like a page's background requests
    for (const path of ['/rooms', '/sidebar', '/rooms/unread', '/health/live']) {
      const response = await browser.fetch(`${web.url}${path}`, { headers: laptop })
      assert.equal(response.status, 200, path)
    }
    const after = await db.from('sessions').where('id', before.id).firstOrFail()
    assert.equal(after.data, before.data)
    assert.equal(after.expires_at.getTime(), before.expires_at.getTime())

    const twoMinutesOld = new Date(before.expires_at.getTime() - 2 * 60_000)
    await db.from('sessions').where('id', before.id).update({ expires_at: twoMinutesOld })
    await browser.fetch(`${web.url}/rooms`, { headers: laptop })
    const touched = await db.from('sessions').where('id', before.id).firstOrFail()
    assert.equal(touched.data, before.data)
    assert.isAtLeast(touched.expires_at.getTime(), before.expires_at.getTime())
  })
})

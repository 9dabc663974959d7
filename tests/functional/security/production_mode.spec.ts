import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { startAppProcess, type AppProcess } from '#tests/helpers/app_process'
import { CookieJar } from '#tests/helpers/cookie_jar'
import db from '@adonisjs/lucid/services/db'

test.group('Security: the app as deployed (NODE_ENV=production, database sessions)', (group) => {
  let web: AppProcess

  group.setup(async () => {
    web = await startAppProcess()
    return async () => {
      await web.stop()
    }
  })
  group.each.setup(() => truncateTables())

  test('HSTS, CSP without inline scripts, frame and sniffing guards on every page', async ({
    assert,
  }) => {
    const oneYear = 365 * 24 * 60 * 60
    for (const path of ['/', '/login', '/register', '/forgot-password', '/health/live']) {
      const response = await fetch(`${web.url}${path}`)
      const csp = response.headers.get('content-security-policy') ?? ''
      assert.equal(response.headers.get('strict-transport-security'), `max-age=${oneYear}`, path)
      assert.include(csp, "script-src 'self'", path)
      assert.notInclude(csp, 'unsafe-inline', path)
      assert.include(csp, "frame-ancestors 'none'", path)
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path)
    }
  })

  test('the development mail viewer does not exist in production', async ({ assert }) => {
    for (const path of ['/dev/mail', '/dev/mail/1796534558592-0123456789ab']) {
      const response = await fetch(`${web.url}${path}`)
      assert.equal(response.status, 404, path)
    }
  })

  test('session cookies are HttpOnly, SameSite=Lax and Secure', async ({ assert }) => {
    const jar = new CookieJar()
    await jar.fetch(`${web.url}/login`)
    const session = jar.lastSetCookies.filter((line) => line.startsWith('roomchat-session='))
    assert.lengthOf(session, 1)
    assert.match(session[0], /; HttpOnly/i)
    assert.match(session[0], /; SameSite=Lax/i)
    assert.match(session[0], /; Secure/i)
    for (const line of jar.lastSetCookies) {
      assert.match(line, /; Secure/i, line.split('=')[0])
    }
  })

  test('the session id rotates on login; after logout the old cookies are refused', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const jar = new CookieJar()
    await jar.fetch(`${web.url}/login`)
    const anonymousId = jar.cookies.get('roomchat-session')
    const login = await jar.submit(`${web.url}/login`, `${web.url}/login`, {
      username: user.username,
      password: 'secret-password',
    })
    const signedInId = jar.cookies.get('roomchat-session')
    const kept = jar.clone()
    const rooms = await kept.clone().fetch(`${web.url}/rooms`)
    const logout = await jar.submit(`${web.url}/logout`, `${web.url}/rooms`)
    const replayed = await kept.clone().fetch(`${web.url}/rooms`)

    assert.equal(login.headers.get('location'), '/rooms')
    assert.isString(anonymousId)
    assert.notEqual(signedInId, anonymousId)
    assert.equal(rooms.status, 200)
    assert.equal(logout.headers.get('location'), '/login')
    assert.equal(replayed.status, 302)
    assert.equal(replayed.headers.get('location'), '/login')
  }).timeout(30_000)

  test('API requests with a bearer token store no session and set no session cookie', async ({
    assert,
  }) => {
    const user = await UserFactory.create()
    const json = { 'accept': 'application/json', 'content-type': 'application/json' }
    const issued = await fetch(`${web.url}/api/v1/auth/tokens`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ username: user.username, password: 'secret-password' }),
    })
    const { token } = (await issued.json()) as { token: string }
    const bearer = { ...json, authorization: `Bearer ${token}` }
    const created = await fetch(`${web.url}/api/v1/rooms`, {
      method: 'POST',
      headers: bearer,
      body: JSON.stringify({ name: 'Stateless' }),
    })
    const listed = await fetch(`${web.url}/api/v1/rooms`, { headers: bearer })
    const missing = await fetch(`${web.url}/api/v1/rooms/999999`, { headers: bearer })
    const sessionsAfterApi = await db.from('sessions').count('* as total')
    const page = await fetch(`${web.url}/login`)
    const sessionsAfterPage = await db.from('sessions').count('* as total')

    assert.deepEqual(
      [issued.status, created.status, listed.status, missing.status],
      [201, 201, 200, 404]
    )
    for (const response of [issued, created, listed, missing]) {
      assert.isNull(response.headers.get('set-cookie'), response.url)
    }
    assert.equal(Number(sessionsAfterApi[0].total), 0)
    assert.include(page.headers.get('set-cookie') ?? '', 'roomchat-session=')
    assert.equal(Number(sessionsAfterPage[0].total), 1)
  })
})

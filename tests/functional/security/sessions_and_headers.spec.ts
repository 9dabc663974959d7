import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import env from '#start/env'
import { UserFactory } from '#database/factories/user_factory'
import { createRoom } from '#tests/helpers/chat_fixtures'
import { CookieJar } from '#tests/helpers/cookie_jar'

const baseUrl = `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * A jar signed in as a new user, through the real login form
 */
async function signedIn() {
  const user = await UserFactory.create()
  const jar = new CookieJar()
  const login = await jar.submit(`${baseUrl}/login`, `${baseUrl}/login`, {
    username: user.username,
    password: 'secret-password',
  })
  if (login.headers.get('location') !== '/rooms') throw new Error('login failed')
  return { user, jar }
}

test.group('Security: sessions and headers (test environment)', (group) => {
  group.each.setup(() => truncateTables())

  test('logout revokes the session: replaying the old cookie is refused', async ({ assert }) => {
    const { jar } = await signedIn()
    const kept = jar.clone()
    const before = await kept.clone().fetch(`${baseUrl}/rooms`)
    const logout = await jar.submit(`${baseUrl}/logout`, `${baseUrl}/rooms`)
    const replayed = await kept.clone().fetch(`${baseUrl}/rooms`)
    const ticket = await kept.clone().fetch(`${baseUrl}/chat/ticket`)

    assert.equal(before.status, 200)
    assert.equal(logout.headers.get('location'), '/login')
    assert.deepEqual([replayed.status, replayed.headers.get('location')], [302, '/login'])
    assert.deepEqual([ticket.status, ticket.headers.get('location')], [302, '/login'])
  })

  test('the session cookie is HttpOnly and SameSite=Lax (Secure only in production, over https)', async ({
    assert,
  }) => {
    const jar = new CookieJar()
    await jar.fetch(`${baseUrl}/login`)
    const [session] = jar.lastSetCookies.filter((line) => line.startsWith('roomchat-session='))
    assert.match(session, /; HttpOnly/i)
    assert.match(session, /; SameSite=Lax/i)
    assert.notMatch(session, /; Secure/i)
  })

  test('CSP without inline scripts, no framing, nosniff on public and signed-in pages; no HSTS outside production', async ({
    assert,
  }) => {
    const { user, jar } = await signedIn()
    const room = await createRoom(user)
    for (const path of [
      '/',
      '/login',
      '/register',
      '/rooms',
      `/rooms/${room.id}`,
      '/rooms/999999',
    ]) {
      const response = await jar.clone().fetch(`${baseUrl}${path}`)
      const csp = response.headers.get('content-security-policy') ?? ''
      const scriptSrc = csp
        .split(';')
        .find((directive) => directive.trim().startsWith('script-src'))
      assert.equal(scriptSrc?.trim(), "script-src 'self'", path)
      assert.notInclude(csp, 'unsafe-inline', path)
      assert.notInclude(csp, 'unsafe-eval', path)
      assert.include(csp, "frame-ancestors 'none'", path)
      assert.include(csp, "object-src 'none'", path)
      assert.equal(response.headers.get('x-frame-options'), 'DENY', path)
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path)
      assert.isNull(response.headers.get('strict-transport-security'), path)
    }
  })
})

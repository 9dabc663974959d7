import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'
import { setTimeout as sleep } from 'node:timers/promises'
import hash from '@adonisjs/core/services/hash'
import { LOGIN_ATTEMPTS } from '#services/auth/login_throttle'
import app from '@adonisjs/core/services/app'
import type { ApiClient } from '@japa/api-client'
import { PASSWORD_CHECKS_AT_ONCE, queuePasswordCheck } from '#services/auth/password_check_queue'

/**
 * Fills the password-check queue (bound lowered to one waiting check per
 * slot) with API logins whose checks are held; `late` is an account left
 * out, `release()` lets the held logins finish and returns their answers
 */
async function fillPasswordCheckQueue(client: ApiClient, cleanup: (handler: () => void) => void) {
  const users = await UserFactory.createMany(2 * PASSWORD_CHECKS_AT_ONCE + 1)
  const late = users.pop()!
  const hasher = hash.use()
  const verify = hasher.verify
  const { promise: gate, resolve: open } = Promise.withResolvers<void>()
  hasher.verify = async function (this: typeof hasher, ...args: Parameters<typeof verify>) {
    await gate
    return verify.apply(this, args)
  }
  const perSlot = app.config.get<number>('login.waitingPasswordChecksPerSlot')
  app.config.set('login.waitingPasswordChecksPerSlot', 1)
  cleanup(() => {
    open()
    hasher.verify = verify
    app.config.set('login.waitingPasswordChecksPerSlot', perSlot)
  })
  const queued = users.map((user) =>
    client
      .post('/api/v1/auth/tokens')
      .json({ username: user.username, password: 'secret-password' })
      .then((response) => response)
  )
  while (
    queuePasswordCheck.activeCount < PASSWORD_CHECKS_AT_ONCE ||
    queuePasswordCheck.pendingCount < PASSWORD_CHECKS_AT_ONCE
  ) {
    await sleep(10)
  }
  return {
    late,
    release: () => {
      open()
      return Promise.all(queued)
    },
  }
}

test.group('Log in and out', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a rush of logins checks at most one password per spare core at once', async ({
    client,
    assert,
    cleanup,
  }) => {
    const users = await UserFactory.createMany(PASSWORD_CHECKS_AT_ONCE + 3)
    const hasher = hash.use()
    const verify = hasher.verify
    let running = 0
    let most = 0
    hasher.verify = async function (this: typeof hasher, ...args: Parameters<typeof verify>) {
      running++
      most = Math.max(most, running)
      await sleep(30)
      try {
        return await verify.apply(this, args)
      } finally {
        running--
      }
    }
    cleanup(() => {
      hasher.verify = verify
    })

    const responses = await Promise.all(
      users.map((user) =>
        client
          .post('/api/v1/auth/tokens')
          .json({ username: user.username, password: 'secret-password' })
      )
    )

    responses.forEach((response) => response.assertStatus(201))
    assert.equal(most, PASSWORD_CHECKS_AT_ONCE)
  })

  test('a login that finds the check queue full gets a 503 at once, and gets in once it drains', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { late, release } = await fillPasswordCheckQueue(client, cleanup)
    const login = (username: string) =>
      client.post('/api/v1/auth/tokens').json({ username, password: 'secret-password' })
    const refused = await login(late.username)

    refused.assertStatus(503)
    refused.assertHeader('retry-after', '5')
    assert.deepEqual(refused.body(), {
      errors: [
        {
          code: 'E_LOGIN_BUSY',
          message: 'Too many people are signing in right now. Try again in a few seconds.',
        },
      ],
    })
    for (const response of await release()) {
      response.assertStatus(201)
    }
    const retried = await login(late.username)
    retried.assertStatus(201)
  })

  test('the login form says to try again when the check queue is full', async ({
    client,
    assert,
    cleanup,
  }) => {
    const { late, release } = await fillPasswordCheckQueue(client, cleanup)
    const refused = await client
      .post('/login')
      .withCsrfToken()
      .header('referer', '/login')
      .form({ username: late.username, password: 'secret-password' })
      .redirects(0)
    await release()

    refused.assertStatus(302)
    refused.assertHeader('location', '/login')
    assert.equal(
      refused.flashMessage('error'),
      'Too many people are signing in right now. Try again in a few seconds.'
    )
    const page = await client.get('/login').withFlashMessages(refused.flashMessages())
    page.assertTextIncludes('Too many people are signing in right now.')
    page.assertTextIncludes(`value="${late.username}"`)
  })

  test('signs in with the right password, any username case', async ({ client }) => {
    await UserFactory.merge({ username: 'Bruno' }).create()
    const response = await client
      .post('/login')
      .withCsrfToken()
      .form({ username: 'bruno', password: 'secret-password' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/rooms')
  })

  test('gives one generic error for a wrong password or an unknown user', async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ username: 'carla' }).create()
    const wrongPassword = await client
      .post('/login')
      .withCsrfToken()
      .header('referer', '/login')
      .form({ username: 'carla', password: 'not-the-password' })
      .redirects(0)
    const unknownUser = await client
      .post('/login')
      .withCsrfToken()
      .header('referer', '/login')
      .form({ username: 'nobody_here', password: 'not-the-password' })
      .redirects(0)

    wrongPassword.assertHeader('location', '/login')
    unknownUser.assertHeader('location', '/login')
    assert.equal(wrongPassword.flashMessage('error'), 'Invalid user credentials')
    assert.equal(unknownUser.flashMessage('error'), wrongPassword.flashMessage('error'))
  })

  test('shows the login error on the page and keeps the username', async ({ client, assert }) => {
    const failed = await client
      .post('/login')
      .withCsrfToken()
      .form({ username: 'dora', password: 'wrong-password' })
      .redirects(0)
    const page = await client.get('/login').withFlashMessages(failed.flashMessages())
    page.assertTextIncludes('Invalid user credentials')
    page.assertTextIncludes('value="dora"')
    assert.notInclude(page.text(), 'wrong-password')
  })

  test('locks the IP + username pair after repeated failures with a 429', async ({ client }) => {
    await UserFactory.merge({ username: 'eve_locked' }).create()
    for (let attempt = 0; attempt < LOGIN_ATTEMPTS; attempt++) {
      const response = await client
        .post('/login')
        .withCsrfToken()
        .form({ username: 'eve_locked', password: 'guess-number-x' })
        .redirects(0)
      response.assertStatus(302)
    }
    const locked = await client
      .post('/login')
      .withCsrfToken()
      .form({ username: 'eve_locked', password: 'secret-password' })
      .redirects(0)
    locked.assertStatus(429)
    locked.assertTextIncludes('Too many login attempts. Try again in')
  })

  test('rotates the session id on login', async ({ client, assert }) => {
    await UserFactory.merge({ username: 'fred' }).create()
    const page = await client.get('/login')
    const before = page.cookie('roomchat-session')?.value
    const response = await client
      .post('/login')
      .withCsrfToken()
      .withCookie('roomchat-session', before)
      .form({ username: 'fred', password: 'secret-password' })
      .redirects(0)
    const after = response.cookie('roomchat-session')?.value
    assert.isString(before)
    assert.isString(after)
    assert.notEqual(after, before)
  })

  test('refuses a login without a CSRF token', async ({ client }) => {
    await UserFactory.merge({ username: 'gina' }).create()
    const response = await client
      .post('/login')
      .header('referer', '/login')
      .form({ username: 'gina', password: 'secret-password' })
      .redirects(0)
    response.assertHeader('location', '/login')
  })

  test('logs out and then refuses the rooms page', async ({ client }) => {
    const user = await UserFactory.create()
    const logout = await client.post('/logout').withCsrfToken().loginAs(user).redirects(0)
    logout.assertHeader('location', '/login')
    const rooms = await client.get('/rooms').redirects(0)
    rooms.assertStatus(302)
    rooms.assertHeader('location', '/login')
  })

  test('sends a signed-in user away from the login page', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client.get('/login').loginAs(user).redirects(0)
    response.assertStatus(302)
  })
})

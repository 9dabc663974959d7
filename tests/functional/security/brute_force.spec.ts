import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { createRoom } from '#tests/helpers/chat_fixtures'
import { ACCOUNT_LOGIN_ATTEMPTS } from '#services/auth/login_throttle'
import { registrationsPerHour } from '#config/limiter'

/** Form posts per user and 2 seconds (start/limiter.ts) */
const MESSAGE_POSTS = 20

const en = i18nManager.locale('en')
const vi = i18nManager.locale('vi')

/*
 * Also limited, and tested where the feature lives:
 * - logins per IP + username: tests/functional/auth/session.spec.ts ("locks the IP + username pair…")
 * - API tokens: tests/functional/api/tokens.spec.ts ("answers 429 after repeated failures")
 * - chat frames: tests/functional/chat/frames.spec.ts ("refuses a flood with rate_limited…")
 * - X-Forwarded-For from untrusted peers: tests/functional/security/forwarded_for.spec.ts
 */
test.group('Security: registration flood', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear())
  group.each.teardown(() => limiter.clear())

  test('a classroom of 30 signs up from one address; the 31st gets the 429 page, valid or not', async ({
    client,
    assert,
  }) => {
    const register = (username: string, password: string) =>
      client
        .post('/register')
        .withCsrfToken()
        .header('x-forwarded-for', '203.0.113.7')
        .form({ username, password, passwordConfirmation: password })
        .redirects(0)

    const allowed = []
    for (let attempt = 0; attempt < registrationsPerHour; attempt++) {
      const response = await register(`x${attempt}`, 'short')
      allowed.push(response.status())
    }
    const blocked = await register('flood_valid_name', 'long-enough-password')
    const blockedVi = await register('flood_other_name', 'long-enough-password').header(
      'accept-language',
      'vi'
    )
    const elsewhere = await client
      .post('/register')
      .withCsrfToken()
      .header('x-forwarded-for', '203.0.113.8')
      .form({
        username: 'other_address',
        password: 'long-enough-password',
        passwordConfirmation: 'long-enough-password',
      })
      .redirects(0)

    assert.equal(registrationsPerHour, 30)
    assert.deepEqual(allowed, Array(30).fill(302))
    blocked.assertStatus(429)
    const retryAfter = Number(blocked.header('retry-after'))
    assert.isAbove(retryAfter, 60 * 59)
    assert.isAtMost(retryAfter, 60 * 60)
    assert.include(blocked.header('content-type'), 'text/html')
    blocked.assertTextIncludes(
      `<title>${en.t('app.page_title', { page: 'Too many requests' })}</title>`
    )
    blocked.assertTextIncludes('<h1>Too many requests</h1>')
    blocked.assertTextIncludes(
      '<p class="alert alert-error" role="alert">Too many accounts created from this address. Try again later.</p>'
    )
    blockedVi.assertStatus(429)
    blockedVi.assertTextIncludes(`<h1>${vi.t('errors.too_many_requests.title')}</h1>`)
    blockedVi.assertTextIncludes(vi.t('errors.registration_throttled'))
    assert.isNull(await User.findBy('username', 'flood_valid_name'))
    elsewhere.assertStatus(302)
    assert.isNotNull(await User.findBy('username', 'other_address'))
  })
})

test.group('Security: every 429 is a page or a JSON error', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear())
  group.each.teardown(() => limiter.clear())

  test('a message form flood gets the 429 page; a script asking for JSON gets the JSON error', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await createRoom(user)
    const post = () =>
      client
        .post(`/rooms/${room.id}/messages`)
        .withCsrfToken()
        .loginAs(user)
        .form({ text: '' })
        .redirects(0)
    // Sent together so the 2-second window cannot end in between
    const allowed = await Promise.all(Array.from({ length: MESSAGE_POSTS }, post))
    const [page, json] = await Promise.all([post(), post().header('accept', 'application/json')])

    assert.deepEqual(
      allowed.map((response) => response.status()),
      Array(MESSAGE_POSTS).fill(302)
    )
    page.assertStatus(429)
    assert.oneOf(page.header('retry-after'), ['1', '2'])
    page.assertTextIncludes('<h1>Too many requests</h1>')
    page.assertTextIncludes(en.t('errors.messages_throttled'))
    json.assertStatus(429)
    assert.oneOf(json.header('retry-after'), ['1', '2'])
    assert.deepEqual(json.body(), {
      errors: [{ code: 'E_TOO_MANY_REQUESTS', message: en.t('errors.messages_throttled') }],
    })
  })

  test('the API answers { errors: [{ code, message }] } in the client language, with Retry-After', async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ username: 'api_lock' }).create()
    const guess = () =>
      client
        .post('/api/v1/auth/tokens')
        .header('accept-language', 'vi')
        .json({ username: 'api_lock', password: 'bad-guess' })
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await guess()
      response.assertStatus(401)
    }

    const locked = await guess()

    locked.assertStatus(429)
    const seconds = Number(locked.header('retry-after'))
    assert.isAtLeast(seconds, 59)
    assert.isAtMost(seconds, 60)
    assert.deepEqual(locked.body(), {
      errors: [
        { code: 'E_TOO_MANY_REQUESTS', message: vi.t('errors.login_throttled', { seconds }) },
      ],
    })
  })
})

test.group('Security: one account guessed from many addresses', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear())
  group.each.teardown(() => limiter.clear())

  /**
   * Statuses of 20 wrong logins for `username`, each from its own forwarded address
   */
  async function guessFromTwentyAddresses(client: ApiClient, username: string) {
    const statuses = []
    for (let address = 1; address <= 20; address++) {
      const response = await client
        .post('/login')
        .withCsrfToken()
        .header('x-forwarded-for', `198.51.100.${address}`)
        .form({ username, password: `guess-number-${address}` })
        .redirects(0)
      statuses.push(response.status())
    }
    return statuses
  }

  test('20 addresses guessing one password get 429s, like guesses at an unknown username', async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ username: 'target_user' }).create()
    const expected = [
      ...Array(ACCOUNT_LOGIN_ATTEMPTS).fill(302),
      ...Array(20 - ACCOUNT_LOGIN_ATTEMPTS).fill(429),
    ]

    const existing = await guessFromTwentyAddresses(client, 'target_user')
    const unknown = await guessFromTwentyAddresses(client, 'nobody_at_all')
    const owner = await client
      .post('/login')
      .withCsrfToken()
      .header('x-forwarded-for', '192.0.2.50')
      .form({ username: 'TARGET_USER', password: 'secret-password' })
      .redirects(0)
    const ownerByApi = await client
      .post('/api/v1/auth/tokens')
      .header('x-forwarded-for', '192.0.2.50')
      .json({ username: 'target_user', password: 'secret-password' })
    const unknownByApi = await client
      .post('/api/v1/auth/tokens')
      .header('x-forwarded-for', '192.0.2.50')
      .json({ username: 'nobody_at_all', password: 'secret-password' })

    assert.equal(ACCOUNT_LOGIN_ATTEMPTS, 10)
    assert.deepEqual(existing, expected)
    assert.deepEqual(unknown, expected)
    owner.assertStatus(429)
    owner.assertTextIncludes('Too many login attempts. Try again in')
    // The account's 15-minute pause, not the address's one minute
    assert.isAbove(Number(owner.header('retry-after')), 60 * 14)
    assert.isAtMost(Number(owner.header('retry-after')), 60 * 15)
    ownerByApi.assertStatus(429)
    unknownByApi.assertStatus(429)
    const withoutSeconds = (body: { errors: { message: string }[] }) =>
      body.errors.map((error) => ({ ...error, message: error.message.replace(/\d+/, 'N') }))
    assert.deepEqual(withoutSeconds(ownerByApi.body()), withoutSeconds(unknownByApi.body()))
    assert.deepEqual(withoutSeconds(ownerByApi.body()), [
      { code: 'E_TOO_MANY_REQUESTS', message: 'Too many login attempts. Try again in N seconds.' },
    ])
  })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import i18nManager from '@adonisjs/i18n/services/main'
import User from '#models/user'

/** Registrations allowed per IP and hour (start/limiter.ts) */
const REGISTRATIONS_PER_HOUR = 10

/*
 * Also limited, and tested where the feature lives:
 * - logins: tests/functional/auth/session.spec.ts ("locks the IP + username pair…")
 * - API tokens: tests/functional/api/tokens.spec.ts ("answers 429 after repeated failures")
 * - chat frames: tests/functional/chat/frames.spec.ts ("refuses a flood with rate_limited…")
 */
test.group('Security: registration flood', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => limiter.clear())
  group.each.teardown(() => limiter.clear())

  test('the 11th registration from one address within an hour gets a 429, valid or not', async ({
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
    for (let attempt = 0; attempt < REGISTRATIONS_PER_HOUR; attempt++) {
      const response = await register(`x${attempt}`, 'short')
      allowed.push(response.status())
    }
    const blocked = await register('flood_valid_name', 'long-enough-password')
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

    assert.deepEqual(allowed, Array(REGISTRATIONS_PER_HOUR).fill(302))
    blocked.assertStatus(429)
    assert.include(blocked.text(), i18nManager.locale('en').t('errors.registration_throttled'))
    assert.isNull(await User.findBy('username', 'flood_valid_name'))
    elsewhere.assertStatus(302)
    assert.isNotNull(await User.findBy('username', 'other_address'))
  })
})

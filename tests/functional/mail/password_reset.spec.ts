import { createHash } from 'node:crypto'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import hash from '@adonisjs/core/services/hash'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient } from '@japa/api-client'
import { UserFactory } from '#database/factories/user_factory'
import {
  RESET_REQUESTS_PER_ADDRESS,
  RESET_REQUESTS_PER_IP,
} from '#services/auth/mail_link_throttle'
import { mailTasks } from '#helpers/background_tasks'
import { linkIn, mailbox } from '#tests/helpers/mailbox'

/**
 * Asks for a reset link as a browser would
 */
function askForLink(client: ApiClient, email: string, ip = '203.0.113.7') {
  return client
    .post('/forgot-password')
    .withCsrfToken()
    .header('referer', '/forgot-password')
    .header('x-forwarded-for', ip)
    .form({ email })
    .redirects(0)
}

/**
 * Sets a new password with the link at `path`
 */
function resetWith(client: ApiClient, path: string, password = 'brand-new-password') {
  return client
    .post(path)
    .withCsrfToken()
    .header('referer', path)
    .form({ password, passwordConfirmation: password })
    .redirects(0)
}

/**
 * A user with an address, and the reset link mailed to it
 */
async function userWithLink(client: ApiClient) {
  const user = await UserFactory.merge({ email: 'reader@example.com' }).create()
  const asked = await askForLink(client, 'reader@example.com')
  asked.assertStatus(302)
  const [mail] = await mailbox.to('reader@example.com')
  return { user, path: linkIn(mail, '/reset-password/') }
}

test.group('Password reset by e-mail', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await mailbox.clear()
    return () => mailTasks.idle()
  })
  group.each.teardown(() => limiter.clear())

  test('an existing and an unknown address get the same answer; only the account gets a mail', async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ username: 'reader', email: 'Reader@Example.com' }).create()

    const known = await askForLink(client, 'reader@example.COM')
    const unknown = await askForLink(client, 'nobody@example.com')

    for (const response of [known, unknown]) {
      response.assertStatus(302)
      response.assertHeader('location', '/forgot-password')
      response.assertFlashMessage(
        'success',
        'If an account uses this address, a link to reset its password is on its way. It works for one hour.'
      )
    }
    assert.deepEqual(Object.keys(known.flashMessages()), Object.keys(unknown.flashMessages()))
    assert.lengthOf(await mailbox.to('nobody@example.com'), 0)
    const mails = await mailbox.all()
    assert.lengthOf(mails, 1)
    assert.deepEqual(mails[0].to, ['Reader@example.com'])
    assert.equal(mails[0].from, 'Roomchat <roomchat@localhost>')
    assert.equal(mails[0].subject, 'Reset your Roomchat password')
    assert.include(mails[0].text, 'Hello reader,')
    assert.include(mails[0].text, 'The link works for 1 hour and only once.')
  })

  test('only a SHA-256 hash of the token is stored', async ({ client, assert }) => {
    const { user, path } = await userWithLink(client)
    const token = path.split('/').pop()!

    const rows = await db.from('user_tokens').where('user_id', user.id)
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].purpose, 'password_reset')
    assert.equal(rows[0].token_hash, createHash('sha256').update(token).digest('hex'))
    assert.notInclude(JSON.stringify(rows), token)
  })

  test('the link sets a new password once; using it again is refused', async ({
    client,
    assert,
  }) => {
    const { user, path } = await userWithLink(client)

    const form = await client.get(path)
    form.assertStatus(200)
    form.assertHeader('referrer-policy', 'same-origin')
    form.assertTextIncludes('Set a new password')
    const reset = await resetWith(client, path)
    reset.assertStatus(302)
    reset.assertHeader('location', '/login')
    reset.assertFlashMessage('success', 'Your password was changed. Log in with the new one.')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'brand-new-password'))
    assert.isNotNull(user.emailVerifiedAt)

    const again = await resetWith(client, path, 'another-password')
    again.assertStatus(404)
    again.assertTextIncludes('This link is not valid or was already used.')
    again.assertTextIncludes('<a href="/forgot-password">Ask for a new password reset link</a>')
    const page = await client.get(path)
    page.assertStatus(404)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'brand-new-password'))
  })

  test('an expired link is refused with 410 and changes nothing', async ({ client, assert }) => {
    const { user, path } = await userWithLink(client)
    await db
      .from('user_tokens')
      .where('user_id', user.id)
      .update({ expires_at: new Date(Date.now() - 1000) })

    const page = await client.get(path)
    page.assertStatus(410)
    page.assertTextIncludes('This link has expired.')
    const reset = await resetWith(client, path)
    reset.assertStatus(410)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'secret-password'))
  })

  test('a link is valid for one hour', async ({ client, assert }) => {
    const { user } = await userWithLink(client)
    const [row] = await db.from('user_tokens').where('user_id', user.id)
    const minutes = (row.expires_at.getTime() - row.created_at.getTime()) / 60_000
    assert.equal(Math.round(minutes), 60)
  })

  test('a newer link replaces the older one', async ({ client }) => {
    const { path: first } = await userWithLink(client)
    const asked = await askForLink(client, 'reader@example.com')
    asked.assertStatus(302)
    const [, second] = await mailbox.to('reader@example.com')

    const older = await client.get(first)
    older.assertStatus(404)
    const newer = await client.get(linkIn(second, '/reset-password/'))
    newer.assertStatus(200)
  })

  test('a link stops working when the account changes its address', async ({ client, assert }) => {
    const { user, path } = await userWithLink(client)
    user.email = 'elsewhere@example.com'
    await user.save()

    const reset = await resetWith(client, path)
    reset.assertStatus(404)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'secret-password'))
  })

  test('a too short new password is refused and leaves the link usable', async ({ client }) => {
    const { path } = await userWithLink(client)

    const refused = await resetWith(client, path, 'short')
    refused.assertStatus(302)
    refused.assertHeader('location', path)
    refused.assertFlashMessage('inputErrorsBag', {
      password: ['The password field must have at least 8 characters'],
    })
    const reset = await resetWith(client, path)
    reset.assertStatus(302)
  })

  test('malformed and unknown tokens are a 404 page', async ({ client }) => {
    for (const token of ['x', 'A'.repeat(43), '%00', 'a'.repeat(300)]) {
      const response = await client.get(`/reset-password/${token}`)
      response.assertStatus(404)
      response.assertTextIncludes('This link is not valid or was already used.')
    }
  })

  test('an address gets at most 3 links an hour, existing or not (429 with Retry-After)', async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ email: 'reader@example.com' }).create()
    for (const email of ['reader@example.com', 'nobody@example.com']) {
      for (let attempt = 1; attempt <= RESET_REQUESTS_PER_ADDRESS; attempt++) {
        const asked = await askForLink(client, email, `203.0.113.${attempt}`)
        asked.assertStatus(302)
      }
      const refused = await askForLink(client, email.toUpperCase(), '203.0.113.99')
      refused.assertStatus(429)
      assert.equal(refused.header('retry-after'), '3600')
      refused.assertTextIncludes('Too many requests. Try again in 3,600 seconds.')
    }
    assert.lengthOf(await mailbox.to('reader@example.com'), RESET_REQUESTS_PER_ADDRESS)
  })

  test('one address (IP) asks for at most 10 links in 15 minutes', async ({ client }) => {
    for (let attempt = 1; attempt <= RESET_REQUESTS_PER_IP; attempt++) {
      const asked = await askForLink(client, `person${attempt}@example.com`)
      asked.assertStatus(302)
    }
    const refused = await askForLink(client, 'one-more@example.com')
    refused.assertStatus(429)
    refused.assertHeader('retry-after', '900')
  })

  test('an invalid address is a field error and mails nothing', async ({ client, assert }) => {
    const response = await askForLink(client, 'not-an-address')
    response.assertStatus(302)
    response.assertHeader('location', '/forgot-password')
    response.assertFlashMessage('inputErrorsBag', {
      email: ['The e-mail address must be a valid e-mail address'],
    })
    assert.lengthOf(await mailbox.all(), 0)
  })

  test('the login page links to the form, in English and Vietnamese', async ({ client }) => {
    const login = await client.get('/login')
    login.assertTextIncludes('<a href="/forgot-password">Forgot your password?</a>')
    const form = await client.get('/forgot-password').header('accept-language', 'vi')
    form.assertStatus(200)
    form.assertTextIncludes('Gửi liên kết đặt lại')
  })
})

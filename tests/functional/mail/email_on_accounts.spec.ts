import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import { accountEmail } from '#config/mail'
import { UserFactory } from '#database/factories/user_factory'
import { mailTasks } from '#helpers/background_tasks'
import { VERIFICATION_RESENDS_PER_USER } from '#services/auth/mail_link_throttle'
import { linkIn, mailbox } from '#tests/helpers/mailbox'

const defaults = { ...accountEmail }

/**
 * Signs up through the form
 */
function signUp(client: ApiClient, fields: Record<string, string>) {
  return client
    .post('/register')
    .withCsrfToken()
    .header('referer', '/register')
    .form({ password: 'long-password', passwordConfirmation: 'long-password', ...fields })
    .redirects(0)
}

/**
 * Changes the address on the account page
 */
function changeEmail(client: ApiClient, user: User, email: string, password = 'secret-password') {
  return client
    .put('/account/email')
    .withCsrfToken()
    .header('referer', '/account')
    .form({ email, emailPassword: password })
    .loginAs(user)
    .redirects(0)
}

/**
 * Confirms the address with the link at `path`
 */
function confirm(client: ApiClient, path: string) {
  return client.post(path).withCsrfToken().header('referer', path).redirects(0)
}

test.group('E-mail on accounts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await mailbox.clear()
    return () => mailTasks.idle()
  })
  group.each.teardown(async () => {
    Object.assign(accountEmail, defaults)
    await limiter.clear()
  })

  test('sign-up takes an optional address and mails it a verification link', async ({
    client,
    assert,
  }) => {
    const form = await client.get('/register')
    form.assertTextIncludes('<label for="email">E-mail address (optional)</label>')

    const response = await signUp(client, { username: 'mailer', email: 'Mailer@Example.com' })
    response.assertStatus(302)
    response.assertHeader('location', '/rooms')
    const user = await User.findByOrFail('username', 'mailer')
    assert.equal(user.email, 'Mailer@Example.com')
    assert.isNull(user.emailVerifiedAt)
    const [mail] = await mailbox.to('Mailer@example.com')
    assert.equal(mail.subject, 'Confirm your e-mail address for Roomchat')
    assert.include(mail.text, 'The link works for 24 hours and only once.')

    const path = linkIn(mail, '/verify-email/')
    const page = await client.get(path)
    page.assertStatus(200)
    page.assertHeader('referrer-policy', 'same-origin')
    page.assertTextIncludes('Confirm that Mailer@Example.com is your address.')
    await user.refresh()
    assert.isNull(user.emailVerifiedAt, 'opening the link (e.g. a mail scanner) verifies nothing')

    const confirmed = await confirm(client, path)
    confirmed.assertStatus(302)
    confirmed.assertHeader('location', '/login')
    confirmed.assertFlashMessage('success', 'Your e-mail address is verified.')
    await user.refresh()
    assert.isNotNull(user.emailVerifiedAt)
    const reused = await confirm(client, path)
    reused.assertStatus(404)
    reused.assertTextIncludes(
      '<a href="/account">Send a new verification link from your account page</a>'
    )
    assert.notInclude(reused.text(), 'password reset')
  })

  test('sign-up without an address mails nothing', async ({ client, assert }) => {
    const response = await signUp(client, { username: 'no_mail' })
    response.assertStatus(302)
    response.assertHeader('location', '/rooms')
    const user = await User.findByOrFail('username', 'no_mail')
    assert.isNull(user.email)
    assert.lengthOf(await mailbox.all(), 0)
  })

  test('an address is unique ignoring case', async ({ client, assert }) => {
    await UserFactory.merge({ email: 'taken@example.com' }).create()

    const response = await signUp(client, { username: 'second', email: 'TAKEN@example.com' })
    response.assertStatus(302)
    response.assertHeader('location', '/register')
    response.assertFlashMessage('inputErrorsBag', {
      email: ['The e-mail address has already been taken'],
    })
    assert.isNull(await User.findBy('username', 'second'))
  })

  test('with EMAIL_REQUIRED, sign-up without an address is refused', async ({ client, assert }) => {
    accountEmail.required = true
    const form = await client.get('/register')
    form.assertTextIncludes('<label for="email">E-mail address</label>')

    const refused = await signUp(client, { username: 'no_mail' })
    refused.assertStatus(302)
    refused.assertHeader('location', '/register')
    refused.assertFlashMessage('inputErrorsBag', {
      email: ['The e-mail address field must be filled in'],
    })
    assert.isNull(await User.findBy('username', 'no_mail'))
    const accepted = await signUp(client, { username: 'with_mail', email: 'with@example.com' })
    accepted.assertStatus(302)
    assert.isNotNull(await User.findBy('username', 'with_mail'))
  })

  test('with EMAIL_REQUIRED, an account without an address must add one before anything else', async ({
    client,
  }) => {
    accountEmail.required = true
    const user = await UserFactory.create()

    const rooms = await client.get('/rooms').loginAs(user).redirects(0)
    rooms.assertStatus(302)
    rooms.assertHeader('location', '/account')
    rooms.assertFlashMessage('error', 'Add an e-mail address to your account first.')
    const api = await client.get('/api/v1/rooms').withGuard('api').loginAs(user)
    api.assertStatus(403)
    api.assertBody({
      errors: [{ code: 'E_EMAIL_MISSING', message: 'Add an e-mail address to your account first' }],
    })
    const account = await client.get('/account').loginAs(user)
    account.assertStatus(200)
    account.assertTextIncludes('This site needs an e-mail address on every account')

    const added = await changeEmail(client, user, 'added@example.com')
    added.assertHeader('location', '/account')
    const after = await client.get('/rooms').loginAs(user)
    after.assertStatus(200)
  })

  test('with EMAIL_VERIFICATION=required, nothing but the account page works until verified', async ({
    client,
    assert,
  }) => {
    accountEmail.verification = 'required'
    const user = await UserFactory.merge({ email: 'wait@example.com' }).create()

    const rooms = await client.get('/rooms').loginAs(user).redirects(0)
    rooms.assertHeader('location', '/account')
    rooms.assertFlashMessage(
      'error',
      'Verify your e-mail address first: use the link we mailed you, or send it again.'
    )
    const ticket = await client.get('/chat/ticket').loginAs(user).redirects(0)
    ticket.assertStatus(302)
    ticket.assertHeader('location', '/account')
    const api = await client.get('/api/v1/rooms').withGuard('api').loginAs(user)
    api.assertStatus(403)
    assert.equal(api.body().errors[0].code, 'E_EMAIL_UNVERIFIED')

    const resent = await client
      .post('/account/email/verification')
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    resent.assertHeader('location', '/account')
    const [mail] = await mailbox.to('wait@example.com')
    const verified = await confirm(client, linkIn(mail, '/verify-email/'))
    verified.assertStatus(302)
    const after = await client.get('/rooms').loginAs(user)
    after.assertStatus(200)
  })

  test('EMAIL_VERIFICATION=off mails no verification link', async ({ client, assert }) => {
    accountEmail.verification = 'off'
    const signedUp = await signUp(client, { username: 'quiet', email: 'quiet@example.com' })
    signedUp.assertStatus(302)
    assert.lengthOf(await mailbox.all(), 0)
  })

  test('changing the address asks the password, unverifies it and voids older links', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: 'old@example.com' }).create()
    await db.from('users').where('id', user.id).update({ email_verified_at: new Date() })

    const wrong = await changeEmail(client, user, 'new@example.com', 'wrong-password')
    wrong.assertHeader('location', '/account')
    wrong.assertFlashMessage('inputErrorsBag', { emailPassword: ['The password is wrong'] })
    await user.refresh()
    assert.equal(user.email, 'old@example.com')

    await client
      .post('/forgot-password')
      .withCsrfToken()
      .form({ email: 'old@example.com' })
      .redirects(0)
    const [resetMail] = await mailbox.to('old@example.com')

    const changed = await changeEmail(client, user, 'new@example.com')
    changed.assertHeader('location', '/account')
    changed.assertFlashMessage('success', 'Your e-mail address was saved.')
    await user.refresh()
    assert.equal(user.email, 'new@example.com')
    assert.isNull(user.emailVerifiedAt)
    const oldLink = await client.get(linkIn(resetMail, '/reset-password/'))
    oldLink.assertStatus(404)
    const [verifyMail] = await mailbox.to('new@example.com')
    const verified = await confirm(client, linkIn(verifyMail, '/verify-email/'))
    verified.assertStatus(302)
    await user.refresh()
    assert.isNotNull(user.emailVerifiedAt)
  })

  test("another account's address (in any case) is refused; removing one's own works", async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ email: 'someone@example.com' }).create()
    const user = await UserFactory.merge({ email: 'me@example.com' }).create()

    const taken = await changeEmail(client, user, 'SomeOne@example.com')
    taken.assertFlashMessage('inputErrorsBag', {
      email: ['The e-mail address has already been taken'],
    })
    const sameInOtherCase = await changeEmail(client, user, 'ME@example.com')
    sameInOtherCase.assertFlashMessage('success', 'Your e-mail address was saved.')
    const removed = await changeEmail(client, user, '')
    removed.assertFlashMessage('success', 'Your e-mail address was removed.')
    await user.refresh()
    assert.isNull(user.email)
  })

  test('an expired verification link is refused with 410', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: 'late@example.com' }).create()
    await client.post('/account/email/verification').withCsrfToken().loginAs(user).redirects(0)
    const [mail] = await mailbox.to('late@example.com')
    await db
      .from('user_tokens')
      .where('user_id', user.id)
      .update({ expires_at: new Date(0) })

    const path = linkIn(mail, '/verify-email/')
    const page = await client.get(path)
    page.assertStatus(410)
    const confirmed = await confirm(client, path)
    confirmed.assertStatus(410)
    await user.refresh()
    assert.isNull(user.emailVerifiedAt)
  })

  test('a new verification link can be asked for 3 times an hour', async ({ client, assert }) => {
    const user = await UserFactory.merge({ email: 'again@example.com' }).create()
    const resend = () =>
      client.post('/account/email/verification').withCsrfToken().loginAs(user).redirects(0)
    for (let attempt = 1; attempt <= VERIFICATION_RESENDS_PER_USER; attempt++) {
      const sent = await resend()
      sent.assertStatus(302)
    }
    const refused = await resend()
    refused.assertStatus(429)
    assert.lengthOf(await mailbox.to('again@example.com'), VERIFICATION_RESENDS_PER_USER)
  })

  test('the account page shows the address and its state; deleting the account erases it', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ email: 'shown@example.com' }).create()
    const page = await client.get('/account').loginAs(user)
    page.assertTextIncludes('Your address: shown@example.com')
    page.assertTextIncludes('not verified yet')

    await client
      .delete('/account')
      .withCsrfToken()
      .form({ deletePassword: 'secret-password' })
      .loginAs(user)
      .redirects(0)
    await user.refresh()
    assert.isNull(user.email)
    assert.isNull(await User.findByEmail('shown@example.com'))
  })
})

test.group('Development mail viewer', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await mailbox.clear()
    return () => mailTasks.idle()
  })
  group.each.teardown(() => limiter.clear())

  test('lists the mails written, shows one with its links and its HTML sandboxed', async ({
    client,
    assert,
  }) => {
    await UserFactory.merge({ username: 'viewer', email: 'viewer@example.com' }).create()
    await client
      .post('/forgot-password')
      .withCsrfToken()
      .form({ email: 'viewer@example.com' })
      .redirects(0)
    const [mail] = await mailbox.to('viewer@example.com')

    const index = await client.get('/dev/mail')
    index.assertStatus(200)
    index.assertTextIncludes(`<a href="/dev/mail/${mail.id}">Reset your Roomchat password</a>`)
    const page = await client.get(`/dev/mail/${mail.id}`)
    page.assertStatus(200)
    const link = linkIn(mail, '/reset-password/')
    assert.include(page.text(), `${link}">`)
    page.assertTextIncludes(`sandbox src="/dev/mail/${mail.id}/html"`)
    const html = await client.get(`/dev/mail/${mail.id}/html`)
    html.assertStatus(200)
    html.assertHeader(
      'content-security-policy',
      "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    )
    html.assertTextIncludes('<p>Hello viewer,</p>')
  })

  test('an unknown or malformed mail id is a 404', async ({ client }) => {
    for (const id of ['1796534558592-0123456789ab', '..%2F..%2Fpackage', 'x']) {
      const page = await client.get(`/dev/mail/${id}`)
      page.assertStatus(404)
      const html = await client.get(`/dev/mail/${id}/html`)
      html.assertStatus(404)
    }
  })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'

test.group('Register', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the form has labelled fields', async ({ client }) => {
    const response = await client.get('/register')
    response.assertStatus(200)
    response.assertTextIncludes('<label for="username">Username</label>')
    response.assertTextIncludes('<label for="password">Password</label>')
    response.assertTextIncludes('<label for="passwordConfirmation">Confirm password</label>')
    response.assertTextIncludes(`name='_csrf'`)
  })

  test('creates the account, signs in and opens the rooms list', async ({ client, assert }) => {
    const response = await client
      .post('/register')
      .withCsrfToken()
      .form({
        username: 'new_user-1',
        password: 'long-password',
        passwordConfirmation: 'long-password',
      })
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/rooms')
    const user = await User.findByOrFail('username', 'new_user-1')
    assert.notEqual(user.password, 'long-password')
    assert.isTrue(user.password.startsWith('$scrypt$'))
  })

  const invalid = [
    { name: 'too short username', username: 'ab', password: 'long-password', rule: 'minLength' },
    {
      name: 'too long username',
      username: 'a'.repeat(33),
      password: 'long-password',
      rule: 'maxLength',
    },
    {
      name: 'username with spaces',
      username: 'bad name',
      password: 'long-password',
      rule: 'regex',
    },
    {
      name: 'username with markup',
      username: '<script>',
      password: 'long-password',
      rule: 'regex',
    },
    { name: 'too short password', username: 'good_name', password: 'short', rule: 'minLength' },
    {
      name: 'too long password',
      username: 'good_name',
      password: 'p'.repeat(129),
      rule: 'maxLength',
    },
  ]

  for (const input of invalid) {
    test(`refuses a ${input.name} with a field error`, async ({ client, assert }) => {
      const response = await client
        .post('/register')
        .withCsrfToken()
        .header('referer', '/register')
        .form({
          username: input.username,
          password: input.password,
          passwordConfirmation: input.password,
        })
        .redirects(0)

      response.assertStatus(302)
      response.assertHeader('location', '/register')
      const field = input.name.includes('password') ? 'password' : 'username'
      assert.property(response.flashMessage('inputErrorsBag'), field)
      assert.lengthOf(await User.all(), 0)
    })
  }

  test('refuses a mismatched confirmation', async ({ client, assert }) => {
    const response = await client
      .post('/register')
      .withCsrfToken()
      .form({
        username: 'mismatch',
        password: 'long-password',
        passwordConfirmation: 'other-password',
      })
      .redirects(0)
    response.assertStatus(302)
    assert.property(response.flashMessage('inputErrorsBag'), 'passwordConfirmation')
  })

  test('refuses a username taken in another case', async ({ client, assert }) => {
    await UserFactory.merge({ username: 'Alice' }).create()
    const response = await client
      .post('/register')
      .withCsrfToken()
      .form({ username: 'alice', password: 'long-password', passwordConfirmation: 'long-password' })
      .redirects(0)
    response.assertStatus(302)
    assert.deepEqual(response.flashMessage('inputErrorsBag'), {
      username: ['The username has already been taken'],
    })
  })

  test('keeps the typed username but never the password after an error', async ({
    client,
    assert,
  }) => {
    const failed = await client
      .post('/register')
      .withCsrfToken()
      .form({ username: 'kept_name', password: 'short', passwordConfirmation: 'short' })
      .redirects(0)
    const page = await client.get('/register').withFlashMessages(failed.flashMessages())
    page.assertTextIncludes('value="kept_name"')
    page.assertTextIncludes('aria-invalid="true"')
    assert.notInclude(page.text(), 'value="short"')
  })

  test('refuses a post without a CSRF token', async ({ client, assert }) => {
    const response = await client
      .post('/register')
      .header('referer', '/register')
      .form({
        username: 'no_csrf',
        password: 'long-password',
        passwordConfirmation: 'long-password',
      })
      .redirects(0)
    response.assertHeader('location', '/register')
    assert.isNull(await User.findBy('username', 'no_csrf'))
  })
})

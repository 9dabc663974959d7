import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import User from '#models/user'
import { truncateTables } from '#tests/helpers/database'
import { createUser } from '#tests/helpers/chat_fixtures'

/**
 * Signs up `username` through the registration form
 */
function register(client: import('@japa/api-client').ApiClient, username: string) {
  return client
    .post('/register')
    .withCsrfToken()
    .form({ username, password: 'long-password', passwordConfirmation: 'long-password' })
    .redirects(0)
}

test.group('Roles: the instance admin', (group) => {
  group.each.setup(() => truncateTables())

  test('the first account becomes admin, later ones do not', async ({ client, assert }) => {
    const first = await register(client, 'first_one')
    const second = await register(client, 'second_one')
    first.assertStatus(302)
    second.assertStatus(302)
    const users = await User.query().orderBy('id')
    assert.deepEqual(
      users.map((user) => [user.username, user.isAdmin]),
      [
        ['first_one', true],
        ['second_one', false],
      ]
    )
  })

  test('node ace user:admin names an admin and --revoke takes it back', async ({ assert }) => {
    const user = await createUser()
    const ace = await app.container.make('ace')
    const granted = await ace.exec('user:admin', [user.username.toUpperCase()])
    assert.equal(granted.exitCode, 0)
    await user.refresh()
    assert.isTrue(user.isAdmin)
    const revoked = await ace.exec('user:admin', [user.username, '--revoke'])
    assert.equal(revoked.exitCode, 0)
    await user.refresh()
    assert.isFalse(user.isAdmin)
    const unknown = await ace.exec('user:admin', ['nobody_here'])
    assert.equal(unknown.exitCode, 1)
  })

  test('the admin page lists and searches accounts and rooms; others get 403', async ({
    client,
    assert,
  }) => {
    const admin = await createUser()
    admin.isAdmin = true
    await admin.save()
    const member = await createUser()
    member.displayName = 'Phương Nguyễn'
    await member.save()

    const found = await client.get('/admin').qs({ q: 'phuong' }).loginAs(admin)
    found.assertStatus(200)
    assert.include(found.text(), `<li data-user-id="${member.id}">`)
    assert.notInclude(found.text(), `<li data-user-id="${admin.id}">`)
    const rooms = await client.get('/admin').qs({ list: 'rooms' }).loginAs(admin)
    rooms.assertStatus(200)
    // The list shown is the one link marked current
    const current = (html: string) => [...html.matchAll(/list=(\w+)" aria-current="page"/g)]
    assert.deepEqual(
      current(found.text()).map((match) => match[1]),
      ['users']
    )
    assert.deepEqual(
      current(rooms.text()).map((match) => match[1]),
      ['rooms']
    )

    const refused = await client.get('/admin').loginAs(member)
    refused.assertStatus(403)
    const api = await client.get('/api/v1/admin/users').withGuard('api').loginAs(member)
    api.assertStatus(403)
  })

  test('deactivating ends tokens and refuses sign-in; reactivating lets it in again', async ({
    client,
    assert,
  }) => {
    const admin = await createUser()
    admin.isAdmin = true
    await admin.save()
    const bob = await createUser()
    const created = await User.accessTokens.create(bob)
    const token = created.value!.release()

    const deactivated = await client
      .post(`/api/v1/admin/users/${bob.id}/deactivation`)
      .withGuard('api')
      .loginAs(admin)
    deactivated.assertStatus(204)
    const withOldToken = await client.get('/api/v1/rooms').bearerToken(token)
    withOldToken.assertStatus(401)
    // A session still open is refused too
    const withSession = await client.get('/rooms').loginAs(bob).redirects(0)
    withSession.assertStatus(401)
    const signIn = await client
      .post('/api/v1/auth/tokens')
      .json({ username: bob.username, password: 'secret-password' })
    signIn.assertStatus(403)
    assert.deepEqual(signIn.body().errors[0].code, 'E_ACCOUNT_DEACTIVATED')
    const self = await client
      .post(`/api/v1/admin/users/${admin.id}/deactivation`)
      .withGuard('api')
      .loginAs(admin)
    self.assertStatus(422)

    const listed = await client
      .get('/api/v1/admin/users')
      .qs({ q: bob.username })
      .withGuard('api')
      .loginAs(admin)
    assert.deepEqual(
      listed
        .body()
        .data.map((user: { id: number; deactivated: boolean }) => [user.id, user.deactivated]),
      [[bob.id, true]]
    )

    const reactivated = await client
      .delete(`/api/v1/admin/users/${bob.id}/deactivation`)
      .withGuard('api')
      .loginAs(admin)
    reactivated.assertStatus(204)
    const again = await client
      .post('/api/v1/auth/tokens')
      .json({ username: bob.username, password: 'secret-password' })
    again.assertStatus(201)
  })

  test('the login form says an account is deactivated', async ({ client, assert }) => {
    const bob = await createUser()
    bob.deactivatedAt = DateTime.now()
    await bob.save()
    const response = await client
      .post('/login')
      .withCsrfToken()
      .form({ username: bob.username, password: 'secret-password' })
    response.assertStatus(200)
    assert.include(response.text(), 'This account has been deactivated by an administrator.')
  })
})

import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'

test.group('API access tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('issues a bearer token that opens the API, and revokes it', async ({ client, assert }) => {
    await UserFactory.merge({ username: 'api_user' }).create()
    const issued = await client
      .post('/api/v1/auth/tokens')
      .json({ username: 'API_user', password: 'secret-password' })
    issued.assertStatus(201)
    const { token, type, expiresAt, user } = issued.body()
    assert.equal(type, 'bearer')
    assert.match(token, /^oat_/)
    assert.isString(expiresAt)
    assert.equal(user.username, 'api_user')

    const rooms = await client.get('/api/v1/rooms').bearerToken(token)
    rooms.assertStatus(200)

    const revoked = await client.delete('/api/v1/auth/tokens').bearerToken(token)
    revoked.assertStatus(204)

    const after = await client.get('/api/v1/rooms').bearerToken(token)
    after.assertStatus(401)
    assert.equal(after.body().errors[0].code, 'E_UNAUTHORIZED_ACCESS')
  })

  test('answers 401 with one generic error for bad credentials', async ({ client, assert }) => {
    await UserFactory.merge({ username: 'api_two' }).create()
    const wrong = await client
      .post('/api/v1/auth/tokens')
      .json({ username: 'api_two', password: 'nope-nope' })
    const unknown = await client
      .post('/api/v1/auth/tokens')
      .json({ username: 'ghost', password: 'nope-nope' })
    wrong.assertStatus(401)
    unknown.assertStatus(401)
    assert.deepEqual(wrong.body(), unknown.body())
    assert.equal(wrong.body().errors[0].code, 'E_INVALID_CREDENTIALS')
  })

  test('answers 422 with field errors for a malformed body', async ({ client, assert }) => {
    const response = await client.post('/api/v1/auth/tokens').json({ username: ['x'], password: 5 })
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['username', 'password'])
  })

  test('answers 429 after repeated failures', async ({ client, assert }) => {
    await UserFactory.merge({ username: 'api_flood' }).create()
    for (let attempt = 0; attempt < 5; attempt++) {
      await client
        .post('/api/v1/auth/tokens')
        .json({ username: 'api_flood', password: 'bad-guess' })
    }
    const locked = await client
      .post('/api/v1/auth/tokens')
      .json({ username: 'api_flood', password: 'secret-password' })
    locked.assertStatus(429)
    assert.equal(locked.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
  })

  test('refuses API calls without a token', async ({ client, assert }) => {
    const response = await client.get('/api/v1/rooms')
    response.assertStatus(401)
    assert.equal(response.body().errors[0].code, 'E_UNAUTHORIZED_ACCESS')
  })

  test('refuses a session cookie in place of a token', async ({ client }) => {
    const user = await UserFactory.create()
    const response = await client.get('/api/v1/rooms').loginAs(user)
    response.assertStatus(401)
  })
})

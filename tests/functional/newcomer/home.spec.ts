import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'

test.group('Home page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('shows a signed-in user the way to browse rooms, not the sign-up buttons', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.merge({ username: 'returning_ann' }).create()
    const response = await client.get('/').loginAs(user)
    response.assertStatus(200)
    assert.include(response.text(), '<a href="/rooms" class="button">Browse rooms</a>')
    assert.include(response.text(), '<strong>returning_ann</strong>')
    assert.notInclude(response.text(), 'Create an account')
  })

  test('shows a visitor the sign-up and log-in buttons', async ({ client, assert }) => {
    const response = await client.get('/')
    response.assertStatus(200)
    assert.include(response.text(), 'Create an account')
    assert.notInclude(response.text(), 'Browse rooms')
  })
})

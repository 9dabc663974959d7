import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'

/**
 * Holds an exclusive lock on `messages` in another connection until the
 * returned release runs, so a search waits on it until its statement
 * timeout cancels it
 */
async function lockMessages() {
  const trx = await db.transaction()
  await trx.rawQuery('LOCK TABLE messages IN ACCESS EXCLUSIVE MODE')
  return () => trx.rollback()
}

test.group('Search statement timeout', (group) => {
  group.each.setup(() => truncateTables())
  group.each.setup(() => {
    const configured = app.config.get<number>('search.statementTimeoutMs')
    app.config.set('search.statementTimeoutMs', 50)
    return () => app.config.set('search.statementTimeoutMs', configured)
  })

  test('a search past its timeout answers the API with 503 E_SEARCH_TIMEOUT', async ({
    client,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    cleanup(await lockMessages())

    const response = await client
      .get('/api/v1/search')
      .qs({ q: 'deploy' })
      .withGuard('api')
      .loginAs(user)

    response.assertStatus(503)
    response.assertBody({
      errors: [
        {
          code: 'E_SEARCH_TIMEOUT',
          message: 'The search took too long. Try more specific words or search in one room.',
        },
      ],
    })
  })

  test('a search past its timeout shows the reason on the search page', async ({
    assert,
    client,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    cleanup(await lockMessages())

    const response = await client.get('/search').qs({ q: 'deploy' }).loginAs(user)

    response.assertStatus(503)
    assert.include(
      response.text(),
      '<p class="field-error" id="search-q-error">The search took too long. Try more specific words, or search in one room.</p>'
    )
    assert.include(response.text(), 'value="deploy"')
  })
})

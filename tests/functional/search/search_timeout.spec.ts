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

/**
 * The statement of this database that waits on a lock, when one does
 */
async function lockWaiter() {
  const { rows } = await db.rawQuery<{ rows: Array<{ pid: number; started: string }> }>(
    `SELECT pid, query_start::text AS started FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock' LIMIT 1`
  )
  return rows[0] ? `${rows[0].pid} ${rows[0].started}` : null
}

/**
 * Resolves once a statement waits on the lock and then another takes its
 * place: the search's was cancelled by its timeout and the page it renders
 * (the layout's sidebar also reads messages) now waits in turn
 */
async function untilSearchCancelled() {
  let first: string | null = null
  for (;;) {
    const waiter = await lockWaiter()
    if (first === null) {
      first = waiter
    } else if (waiter !== null && waiter !== first) {
      return
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
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
    const release = await lockMessages()
    cleanup(release)

    const pending = (async () => await client.get('/search').qs({ q: 'deploy' }).loginAs(user))()
    await untilSearchCancelled()
    await release()
    const response = await pending

    response.assertStatus(503)
    assert.include(
      response.text(),
      '<p class="field-error" id="search-q-error">The search took too long. Try more specific words, or search in one room.</p>'
    )
    assert.include(response.text(), 'value="deploy"')
  })
})

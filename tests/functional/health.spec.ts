import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { Database } from '@adonisjs/lucid/database'

/**
 * Swaps the container's Database for one whose queries fail, like an
 * unreachable server, until the test ends
 */
function simulateDatabaseDown(cleanup: (handler: () => void) => void) {
  swapDatabase(cleanup, () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')))
}

/**
 * Swaps the container's Database for one whose queries never answer, until
 * the test ends
 */
function simulateDatabaseHanging(cleanup: (handler: () => void) => void) {
  swapDatabase(cleanup, () => new Promise(() => {}))
}

function swapDatabase(cleanup: (handler: () => void) => void, rawQuery: () => Promise<unknown>) {
  const fake = {
    connection: () => ({ connectionName: 'postgres', dialect: { name: 'postgres' }, rawQuery }),
  }
  app.container.swap(Database, () => fake as unknown as Database)
  cleanup(() => app.container.restore(Database))
}

test.group('Health probes', () => {
  test('live answers 200 ok', async ({ client }) => {
    const response = await client.get('/health/live')
    response.assertStatus(200)
    response.assertBody({ status: 'ok' })
  })

  test('ready answers 200 when the database answers and the chat accepts sockets', async ({
    client,
  }) => {
    const response = await client.get('/health/ready')
    response.assertStatus(200)
    response.assertBody({ status: 'ok', checks: { database: 'ok', chat: 'ok' } })
  })

  test('ready answers 503 when the database is down', async ({ client, cleanup }) => {
    simulateDatabaseDown(cleanup)
    const response = await client.get('/health/ready')
    response.assertStatus(503)
    response.assertBody({ status: 'error', checks: { database: 'error', chat: 'ok' } })
  })

  test('ready answers 503 when the database does not answer in time', async ({
    client,
    cleanup,
  }) => {
    simulateDatabaseHanging(cleanup)
    const response = await client.get('/health/ready')
    response.assertStatus(503)
    response.assertBody({ status: 'error', checks: { database: 'error', chat: 'ok' } })
  })

  test('live stays 200 while the database is down', async ({ client, cleanup }) => {
    simulateDatabaseDown(cleanup)
    const response = await client.get('/health/live')
    response.assertStatus(200)
    response.assertBody({ status: 'ok' })
  })
})

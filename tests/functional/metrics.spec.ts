import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

const TOKEN = 'test-metrics-token-0123456789'

test.group('Prometheus metrics endpoint', (group) => {
  group.each.setup(() => {
    const saved = app.config.get<string | undefined>('metrics.token')
    return () => app.config.set('metrics.token', saved)
  })

  test('is off (404) unless METRICS_TOKEN is set', async ({ client }) => {
    app.config.set('metrics.token', '')
    const response = await client.get('/metrics').bearerToken(TOKEN)
    response.assertStatus(404)
  })

  test('refuses a missing or wrong token', async ({ client }) => {
    app.config.set('metrics.token', TOKEN)
    const missing = await client.get('/metrics')
    missing.assertStatus(401)
    const wrong = await client.get('/metrics').bearerToken(`${TOKEN}x`)
    wrong.assertStatus(401)
  })

  test('counts HTTP requests by route pattern and status, and shows the DB pool', async ({
    client,
    assert,
  }) => {
    app.config.set('metrics.token', TOKEN)
    const before = await client.get('/metrics').bearerToken(TOKEN)
    const countOf = (text: string) => {
      const line = text
        .split('\n')
        .find((row) =>
          row.startsWith('roomchat_http_requests_total{method="GET",route="/login",status="200"}')
        )
      return line ? Number(line.split(' ').pop()) : 0
    }
    await client.get('/login')
    await client.get('/login')
    await client.get('/definitely-missing')
    const after = await client.get('/metrics').bearerToken(TOKEN)
    after.assertStatus(200)
    assert.equal(countOf(after.text()) - countOf(before.text()), 2)
    assert.include(
      after.text(),
      'roomchat_http_requests_total{method="GET",route="unmatched",status="404"}'
    )
    assert.match(after.text(), /roomchat_db_pool_connections\{state="used"\} \d+/)
    assert.include(after.text(), 'process_resident_memory_bytes')
  })
})

import { stat } from 'node:fs/promises'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'

test.group('Static files of public/', () => {
  test('a file is served with its type and cache validators; a page path is routed', async ({
    client,
    assert,
  }) => {
    const icon = await client.get('/favicon.svg')
    icon.assertStatus(200)
    icon.assertHeader('content-type', 'image/svg+xml')
    assert.match(icon.header('etag') ?? '', /^W\/"/)
    const file = await stat(app.publicPath('favicon.svg'))
    assert.equal(Number(icon.header('content-length')), file.size)

    const offline = await client.get('/offline.html?from=test')
    offline.assertStatus(200)
    assert.include(offline.text(), '<html')

    const missing = await client.get('/no-such-file.css')
    missing.assertStatus(404)
    const page = await client.get('/health/live')
    page.assertStatus(200)
    page.assertBody({ status: 'ok' })
  })
})

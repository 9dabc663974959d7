import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { startAppProcess, type AppProcess } from '#tests/helpers/app_process'

const BOUNDARY = 'roomchat-hostile-boundary'

/**
 * A multipart body with one file part per field name, plus a filename* with
 * broken percent-encoding and a 20 KB part header (the multipart DoS advisories
 * of @adonisjs/bodyparser < 11.0.5: GHSA-8w45-cghr-9rh4, GHSA-jf2h-r4qp-9rp8)
 */
function hostileMultipart(fieldNames: string[]) {
  const parts = fieldNames.map(
    (name) =>
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="a.txt"\r\n` +
      `Content-Type: text/plain\r\n\r\nhello\r\n`
  )
  parts.push(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename*=UTF-8''%E0%A4%A\r\n\r\nx\r\n`,
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="big"; filename="b.txt"\r\n` +
      `X-Padding: ${'p'.repeat(20_000)}\r\n\r\nx\r\n`
  )
  return `${parts.join('')}--${BOUNDARY}--\r\n`
}

test.group('Security: multipart bodies (production process)', (group) => {
  let web: AppProcess

  group.setup(async () => {
    web = await startAppProcess()
    return async () => {
      await web.stop()
    }
  })
  group.each.setup(() => truncateTables())

  test('file fields named after Object.prototype members and malformed parts crash nothing', async ({
    assert,
  }) => {
    const names = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']
    const post = (path: string, accept: string) =>
      fetch(`${web.url}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, accept },
        body: hostileMultipart(names),
      })

    const token = await post('/api/v1/auth/tokens', 'application/json')
    const login = await post('/login', 'text/html')
    const register = await post('/register', 'text/html')
    const live = await fetch(`${web.url}/health/live`)

    assert.equal(token.status, 422)
    const body = (await token.json()) as { errors: { field: string }[] }
    assert.sameMembers(
      body.errors.map((error) => error.field),
      ['username', 'password']
    )
    // No CSRF token was read from the unparsed body: sent back to the form
    assert.deepEqual([login.status, login.headers.get('location')], [302, '/'])
    assert.deepEqual([register.status, register.headers.get('location')], [302, '/'])
    assert.equal(live.status, 200)
  })
})

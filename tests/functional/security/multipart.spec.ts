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
    // The one route that parses multipart bodies (with @fastify/busboy, not multiparty)
    const upload = await post('/rooms/1/messages', 'text/html')
    const uploadJson = await post('/rooms/1/messages', 'application/json')
    const oneFile = (part: string) =>
      fetch(`${web.url}/rooms/1/messages`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
          'accept': 'application/json',
        },
        body: `--${BOUNDARY}\r\n${part}\r\n--${BOUNDARY}--\r\n`,
      })
    const brokenName = await oneFile(
      `Content-Disposition: form-data; name="file"; filename*=UTF-8''%E0%A4%A\r\n\r\nx`
    )
    const bigHeader = await oneFile(
      `Content-Disposition: form-data; name="file"; filename="b.txt"\r\nX-Padding: ${'p'.repeat(20_000)}\r\n\r\nx`
    )
    const live = await fetch(`${web.url}/health/live`)

    // The JSON API reads no multipart body: refused as such, not as missing fields
    assert.equal(token.status, 415)
    const body = (await token.json()) as { errors: { code: string }[] }
    assert.deepEqual(
      body.errors.map((error) => error.code),
      ['E_UNSUPPORTED_MEDIA_TYPE']
    )
    // No CSRF token was read from the unparsed body: sent back to the form
    assert.deepEqual([login.status, login.headers.get('location')], [302, '/'])
    assert.deepEqual([register.status, register.headers.get('location')], [302, '/'])
    // Parsed without a crash and refused: more than one file (the form goes back with the reason)
    assert.deepEqual([upload.status, upload.headers.get('location')], [302, '/'])
    assert.equal(uploadJson.status, 400)
    const refusal = (await uploadJson.json()) as { errors: { code: string }[] }
    assert.equal(refusal.errors[0].code, 'E_INVALID_MULTIPART')
    // One file each: parsed, then refused for the missing CSRF token
    assert.deepEqual([brokenName.status, bigHeader.status], [403, 403])
    assert.equal(live.status, 200)
  })
})

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import fc from 'fast-check'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import type User from '#models/user'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { createPrivateRoom } from '#tests/helpers/private_rooms'

/** Random cases per endpoint (logins hash a password each, so fewer) */
const CASES = 200
const REFERER = '/fuzz/came-from'

const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '<script>window.__xss=1</script>',
  '"><img src=x onerror=alert(1)>',
  '\u0000',
  'a\u0000b',
  '%00',
  '../../etc/passwd',
  '{{ 7*7 }}',
  '${7*7}',
  '\u202e\u200d',
  '🦄',
  '   ',
  '',
  '99999999999999999999',
  '-1',
]
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((unit) => String.fromCharCode(unit))
/**
 * Random, hostile and unicode-edge strings, some longer than any field
 * allows, up to `longest` characters (bodies: past the 64 KB limit; URLs:
 * around Node's 16 KB header limit)
 */
function textUpTo(longest: number) {
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
    fc
      .array(fc.oneof(loneSurrogate, fc.constantFrom(...HOSTILE), fc.string()))
      .map((parts) => parts.join('')),
    fc.integer({ min: 60, max: 600 }).map((length) => 'ü'.repeat(length)),
    fc.integer({ min: longest / 2, max: longest }).map((length) => 'x'.repeat(length))
  )
}
const text = textUpTo(70_000)
/** A form or query field: text, repeated text, or a nested object (qs syntax) */
function fieldOf(value: fc.Arbitrary<string>) {
  return fc.oneof(
    { weight: 6, arbitrary: value },
    fc.array(value, { maxLength: 3 }),
    fc.dictionary(value, value, { maxKeys: 2 })
  )
}
const formValue = fieldOf(text)
/** Query fields, kept to URLs below Node's 16 KB header limit */
const queryValue = fieldOf(textUpTo(2_000))
const query = (fields: string[]) =>
  body(fields, queryValue).filter(
    (input) => encodeURIComponent(JSON.stringify(input)).length < 8_000
  )
const idValue = fc.oneof(
  textUpTo(100),
  fc.nat().map(String),
  fc.constantFrom('2147483647', '2147483648', '99999999999999999999')
)
/** A header value an HTTP client can send: visible ASCII, some past every limit */
const headerValue = fc.oneof(
  fc.stringMatching(/^[\x21-\x7e]{1,100}$/),
  fc.constantFrom("' OR '1'='1", '%00', '../../etc/passwd', 'x'.repeat(65), 'k')
)
/** A JSON value of any type */
const jsonValue = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(2 ** 53, -0, 1e308, true)
)

/**
 * Some of `fields` with values from `value`, plus maybe an unexpected one
 */
function body(fields: string[], value: fc.Arbitrary<unknown>) {
  const shape = Object.fromEntries(fields.map((field) => [field, value]))
  return fc
    .tuple(fc.record(shape, { requiredKeys: [] }), fc.option(fc.tuple(text, value)))
    .map(([picked, extra]) => (extra ? { [extra[0]]: extra[1], ...picked } : picked))
}

/**
 * Never a 5xx; every 4xx explains itself; a redirect back to the form carries a flash error
 */
function assertClearAnswer(
  assert: Assert,
  response: ApiResponse,
  label: string,
  backIsSuccess = false
) {
  const status = response.status()
  const said = `${label} → ${status} ${response.text().slice(0, 300)}`
  assert.isBelow(status, 500, said)
  if (status === 431) {
    /* Node's HTTP parser refused the oversized URL before the app; its reason phrase says why */
    return
  }
  if (status >= 400) {
    const json = response.header('content-type')?.includes('json')
    const message = json ? response.body().errors?.[0]?.message : response.text()
    assert.isTrue(typeof message === 'string' && message.trim().length > 0, said)
  } else if (status === 302 && response.header('location') === REFERER && !backIsSuccess) {
    const flash = response.flashMessages() as Record<string, Record<string, string[]> | undefined>
    const errors = Object.values({ ...flash.inputErrorsBag, ...flash.errorsBag }).flat()
    assert.isTrue(errors.length > 0 && errors.every((error) => error.trim().length > 0), said)
  }
}

/**
 * A path segment for any string (lone surrogates become U+FFFD, as a browser would send them)
 */
function pathSegment(value: string) {
  return encodeURIComponent(value.toWellFormed())
}

type Endpoint = {
  name: string
  runs?: number
  cases: fc.Arbitrary<any>
  /** `room`: a public room of `user`; `privateRoom`: a private one they own */
  send(
    client: ApiClient,
    input: any,
    user: User,
    room: number,
    privateRoom: number
  ): Promise<ApiResponse>
  backIsSuccess?: (input: any) => boolean
}

const form = (client: ApiClient, method: 'post', url: string, input: object) =>
  client[method](url).withCsrfToken().header('referer', REFERER).form(input).redirects(0)

const endpoints: Endpoint[] = [
  {
    name: 'POST /register',
    cases: body(['username', 'password', 'passwordConfirmation', 'invite'], formValue),
    send: (client, input) => form(client, 'post', '/register', input),
  },
  {
    name: 'POST /login',
    runs: 80,
    cases: body(['username', 'password'], formValue),
    send: (client, input) => form(client, 'post', '/login', input),
  },
  {
    name: 'POST /rooms',
    cases: body(['name', 'description', 'visibility'], formValue),
    send: (client, input, user) => form(client, 'post', '/rooms', input).loginAs(user),
  },
  {
    name: 'POST /rooms/:id/messages',
    cases: body(['text', 'client_id'], formValue),
    send: (client, input, user, room) =>
      form(client, 'post', `/rooms/${room}/messages`, input).loginAs(user),
  },
  {
    name: 'POST /preferences/locale',
    cases: body(['locale'], fc.oneof(formValue, fc.constantFrom('en', 'vi'))),
    send: (client, input) => form(client, 'post', '/preferences/locale', input),
    backIsSuccess: (input) => ['en', 'vi'].includes(input.locale),
  },
  {
    name: 'POST /preferences/theme',
    cases: body(['theme'], fc.oneof(formValue, fc.constantFrom('system', 'light', 'dark'))),
    send: (client, input) => form(client, 'post', '/preferences/theme', input),
    backIsSuccess: (input) => ['system', 'light', 'dark'].includes(input.theme),
  },
  {
    name: 'GET /rooms?q&page',
    cases: query(['q', 'page']),
    send: (client, input, user) => client.get('/rooms').qs(input).loginAs(user),
  },
  {
    name: 'GET /rooms/:id?before',
    cases: fc.tuple(idValue, query(['before'])),
    send: (client, [id, input], user) =>
      client
        .get(`/rooms/${pathSegment(id)}`)
        .qs(input)
        .loginAs(user)
        .redirects(0),
  },
  {
    name: 'POST /rooms/:id/invites',
    cases: body(['maxUses', 'expiresInDays'], formValue),
    send: (client, input, user, room) =>
      form(client, 'post', `/rooms/${room}/invites`, input).loginAs(user),
  },
  {
    name: 'GET /register?invite and GET, POST /invite/:token',
    cases: fc.tuple(fc.constantFrom('register', 'show', 'accept'), fc.string({ maxLength: 200 })),
    send: (client, [action, token], user) =>
      action === 'register'
        ? client.get('/register').qs({ invite: token }).redirects(0)
        : action === 'show'
          ? client.get(`/invite/${pathSegment(token || 'x')}`).redirects(0)
          : client
              .post(`/invite/${pathSegment(token || 'x')}`)
              .withCsrfToken()
              .header('referer', REFERER)
              .redirects(0)
              .loginAs(user),
  },
  {
    name: 'POST and DELETE /api/v1/rooms/:id/invites',
    cases: fc.tuple(
      fc.constantFrom('post', 'delete'),
      idValue,
      body(['maxUses', 'expiresInDays'], jsonValue)
    ),
    send: (client, [method, id, input], user, room) =>
      method === 'post'
        ? client.post(`/api/v1/rooms/${room}/invites`).json(input).withGuard('api').loginAs(user)
        : client
            .delete(`/api/v1/rooms/${room}/invites/${pathSegment(id)}`)
            .withGuard('api')
            .loginAs(user),
  },
  {
    name: 'PUT /account/password',
    cases: body(['currentPassword', 'password', 'passwordConfirmation'], formValue),
    send: (client, input, user) =>
      client
        .put('/account/password')
        .withCsrfToken()
        .header('referer', REFERER)
        .form(input)
        .redirects(0)
        .loginAs(user),
  },
  {
    name: 'DELETE /account',
    cases: body(['deletePassword'], formValue),
    send: (client, input, user) =>
      client
        .delete('/account')
        .withCsrfToken()
        .header('referer', REFERER)
        .form(input)
        .redirects(0)
        .loginAs(user),
  },
  {
    name: 'DELETE /account/sessions/:key and /account/tokens/:id',
    cases: fc.tuple(fc.constantFrom('sessions', 'tokens'), idValue),
    send: (client, [kind, id], user) =>
      client
        .delete(`/account/${kind}/${pathSegment(id)}`)
        .withCsrfToken()
        .header('referer', REFERER)
        .redirects(0)
        .loginAs(user),
  },
  {
    name: 'PUT /api/v1/account/password and DELETE /api/v1/account',
    cases: fc.tuple(
      fc.constantFrom('password', 'delete'),
      body(['currentPassword', 'password', 'passwordConfirmation'], jsonValue)
    ),
    send: (client, [action, input], user) =>
      action === 'password'
        ? client.put('/api/v1/account/password').json(input).withGuard('api').loginAs(user)
        : client.delete('/api/v1/account').json(input).withGuard('api').loginAs(user),
  },
  {
    name: 'DELETE /api/v1/account/sessions/:key and /api/v1/account/tokens/:id',
    cases: fc.tuple(fc.constantFrom('sessions', 'tokens'), idValue),
    send: (client, [kind, id], user) =>
      client
        .delete(`/api/v1/account/${kind}/${pathSegment(id)}`)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST /api/v1/auth/tokens',
    runs: 80,
    cases: body(['username', 'password'], jsonValue),
    send: (client, input) => client.post('/api/v1/auth/tokens').json(input),
  },
  {
    name: 'POST /api/v1/rooms',
    cases: body(['name', 'description', 'visibility'], jsonValue),
    send: (client, input, user) =>
      client.post('/api/v1/rooms').withGuard('api').loginAs(user).json(input),
  },
  {
    name: 'GET /api/v1/rooms?q&page',
    cases: query(['q', 'page']),
    send: (client, input, user) =>
      client.get('/api/v1/rooms').qs(input).withGuard('api').loginAs(user),
  },
  {
    name: 'GET and DELETE /api/v1/rooms/:id',
    cases: fc.tuple(fc.constantFrom('get', 'delete'), idValue),
    send: (client, [method, id], user) =>
      client[method as 'get' | 'delete'](`/api/v1/rooms/${pathSegment(id)}`)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST /rooms/:id/members',
    cases: body(['username'], formValue),
    send: (client, input, user, _room, privateRoom) =>
      form(client, 'post', `/rooms/${privateRoom}/members`, input).loginAs(user),
  },
  {
    name: 'DELETE /rooms/:id/members/:userId',
    cases: idValue,
    send: (client, id, user, _room, privateRoom) =>
      client
        .delete(`/rooms/${privateRoom}/members/${pathSegment(id)}`)
        .withCsrfToken()
        .header('referer', REFERER)
        .loginAs(user)
        .redirects(0),
    backIsSuccess: () => true,
  },
  {
    name: 'POST /rooms/:id/read',
    cases: body(['seq'], jsonValue),
    send: (client, input, user, room) =>
      client.post(`/rooms/${room}/read`).withCsrfToken().json(input).loginAs(user),
  },
  {
    name: 'GET /search?q&room&page&perPage',
    cases: query(['q', 'room', 'page', 'perPage']),
    send: (client, input, user) => client.get('/search').qs(input).loginAs(user),
  },
  {
    name: 'GET /rooms/:id/messages/:seq',
    cases: fc.tuple(idValue, idValue),
    send: (client, [id, seq], user) =>
      client.get(`/rooms/${pathSegment(id)}/messages/${pathSegment(seq)}`).loginAs(user),
  },
  {
    name: 'GET /api/v1/search?q&room&page&perPage',
    cases: query(['q', 'room', 'page', 'perPage']),
    send: (client, input, user) =>
      client.get('/api/v1/search').qs(input).withGuard('api').loginAs(user),
  },
  {
    name: 'GET /api/v1/rooms/:id/messages?since&before&limit',
    cases: fc.tuple(fc.option(idValue), query(['since', 'before', 'limit'])),
    send: (client, [id, input], user, room) =>
      client
        .get(`/api/v1/rooms/${id === null ? room : pathSegment(id)}/messages`)
        .qs(input)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST /api/v1/rooms/:id/messages with Idempotency-Key',
    cases: fc.tuple(fc.option(headerValue), body(['text'], jsonValue)),
    send: (client, [key, input], user, room) => {
      const request = client.post(`/api/v1/rooms/${room}/messages`)
      if (key !== null) request.header('Idempotency-Key', key)
      return request.json(input).withGuard('api').loginAs(user)
    },
  },
  {
    name: 'PATCH and DELETE /api/v1/rooms/:id/messages/:seq',
    cases: fc.tuple(
      fc.constantFrom('patch', 'delete'),
      idValue,
      body(['text', 'client_id'], jsonValue)
    ),
    send: (client, [method, seq, input], user, room) =>
      client[method as 'patch' | 'delete'](`/api/v1/rooms/${room}/messages/${pathSegment(seq)}`)
        .json(input)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'PUT /api/v1/rooms/:id/read',
    cases: fc.tuple(idValue, body(['seq'], jsonValue)),
    send: (client, [id, input], user) =>
      client
        .put(`/api/v1/rooms/${pathSegment(id)}/read`)
        .json(input)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST and DELETE /api/v1/rooms/:id/members',
    cases: fc.tuple(fc.constantFrom('post', 'delete'), idValue, body(['username'], jsonValue)),
    send: (client, [method, id, input], user, _room, privateRoom) =>
      method === 'post'
        ? client
            .post(`/api/v1/rooms/${privateRoom}/members`)
            .json(input)
            .withGuard('api')
            .loginAs(user)
        : client
            .delete(`/api/v1/rooms/${privateRoom}/members/${pathSegment(id)}`)
            .withGuard('api')
            .loginAs(user),
  },
  {
    name: 'POST /direct',
    cases: body(['usernames'], formValue),
    send: (client, input, user) => form(client, 'post', '/direct', input).loginAs(user),
  },
  {
    name: 'POST /api/v1/direct',
    cases: body(['usernames'], fc.oneof(jsonValue, fc.array(jsonValue, { maxLength: 20 }))),
    send: (client, input, user) =>
      client.post('/api/v1/direct').json(input).withGuard('api').loginAs(user),
  },
  {
    name: 'GET /people/:username and /api/v1/people/:username',
    cases: fc.tuple(fc.boolean(), idValue),
    send: (client, [api, name], user) =>
      api
        ? client
            .get(`/api/v1/people/${pathSegment(name)}`)
            .withGuard('api')
            .loginAs(user)
        : client.get(`/people/${pathSegment(name)}`).loginAs(user),
  },
  {
    name: 'GET /presence?ids',
    cases: query(['ids']),
    send: (client, input, user) =>
      client.get('/presence').qs(input).header('accept', 'application/json').loginAs(user),
  },
  {
    name: 'PUT /account/profile',
    cases: body(['displayName'], formValue),
    send: (client, input, user) =>
      client
        .put('/account/profile')
        .withCsrfToken()
        .header('referer', REFERER)
        .form(input)
        .loginAs(user)
        .redirects(0),
  },
  {
    name: 'PUT /account/time-zone and /api/v1/account/profile',
    cases: fc.tuple(fc.boolean(), body(['timeZone', 'displayName'], jsonValue)),
    send: (client, [api, input], user) =>
      api
        ? client.put('/api/v1/account/profile').json(input).withGuard('api').loginAs(user)
        : client
            .put('/account/time-zone')
            .withCsrfToken()
            .header('accept', 'application/json')
            .json(input)
            .loginAs(user),
  },
  {
    name: 'POST and DELETE /push/subscriptions',
    cases: fc.tuple(
      fc.constantFrom('post', 'delete'),
      body(
        ['endpoint', 'keys'],
        fc.oneof(
          jsonValue,
          textUpTo(2_000).map((path) => `http://127.0.0.1:9/${path}`),
          fc.record(
            { p256dh: fc.oneof(jsonValue, fc.base64String()), auth: jsonValue },
            { requiredKeys: [] }
          )
        )
      )
    ),
    send: (client, [method, input], user) =>
      client[method as 'post' | 'delete']('/push/subscriptions')
        .withCsrfToken()
        .header('accept', 'application/json')
        .json(input)
        .loginAs(user),
  },
  {
    name: 'GET /notifications/unread',
    cases: query(['room', 'since']),
    send: (client, input, user) =>
      client
        .get('/notifications/unread')
        .qs(input)
        .header('accept', 'application/json')
        .loginAs(user),
  },
]

test.group('Security: every form and JSON endpoint fuzzed with fast-check', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => limiter.clear())

  for (const endpoint of endpoints) {
    test(`${endpoint.name}: a clear 4xx (or success), never a 500`, async ({ client, assert }) => {
      const user = await createUser()
      const room = await createRoom(user)
      const privateRoom = await createPrivateRoom(user, [await createUser()])
      let sent = 0
      await fc
        .assert(
          fc.asyncProperty(endpoint.cases, async (input) => {
            await limiter.clear()
            const response = await endpoint.send(client, input, user, room.id, privateRoom.id)
            sent++
            const label = `${endpoint.name} ${JSON.stringify(input).slice(0, 200)}`
            assertClearAnswer(assert, response, label, endpoint.backIsSuccess?.(input))
          }),
          { numRuns: endpoint.runs ?? CASES, endOnFailure: true }
        )
        .catch((error: Error) => {
          throw new Error((error.cause as Error)?.message ?? error.message)
        })
      console.log(`[security] http fuzz: ${endpoint.name} ${sent} requests, no 5xx`)
    }).timeout(120_000)
  }
})

import { test } from '@japa/runner'
import fc from 'fast-check'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import type { Assert } from '@japa/assert'
import type User from '#models/user'
import { truncateTables } from '#tests/helpers/database'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { createPrivateRoom } from '#tests/helpers/private_rooms'

/**
 * Random cases per endpoint (logins hash a password each, so fewer): fast-check's default; the
 * seed is new on every run, so each CI run tries other cases
 */
const CASES = 100
export const REFERER = '/fuzz/came-from'

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
export function textUpTo(longest: number) {
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
/** A form field's random value */
export const formValue = fieldOf(text)
/** Query fields, kept to URLs below Node's 16 KB header limit */
const queryValue = fieldOf(textUpTo(2_000))
/** Query fields of random values, kept to URLs below Node's 16 KB header limit */
export const query = (fields: string[]) =>
  body(fields, queryValue).filter(
    (input) => encodeURIComponent(JSON.stringify(input)).length < 8_000
  )
/** A URL id: text, a number, or past PostgreSQL's integer */
export const idValue = fc.oneof(
  textUpTo(100),
  fc.nat().map(String),
  fc.constantFrom('2147483647', '2147483648', '99999999999999999999')
)
/** A header value an HTTP client can send: visible ASCII, some past every limit */
export const headerValue = fc.oneof(
  fc.stringMatching(/^[\x21-\x7e]{1,100}$/),
  fc.constantFrom("' OR '1'='1", '%00', '../../etc/passwd', 'x'.repeat(65), 'k')
)
/** A JSON value of any type */
export const jsonValue = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(2 ** 53, -0, 1e308, true)
)

/**
 * Some of `fields` with values from `value`, plus maybe an unexpected one
 */
export function body(fields: string[], value: fc.Arbitrary<unknown>) {
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
    const flash = response.flashMessages() as Record<string, unknown>
    const bags = { ...(flash.inputErrorsBag as object), ...(flash.errorsBag as object) }
    // A field error, or the refusal flashed as the page's alert
    const errors = [...Object.values(bags).flat(), ...[flash.error].filter(Boolean)] as string[]
    assert.isTrue(errors.length > 0 && errors.every((error) => error.trim().length > 0), said)
  }
}

/**
 * A path segment for any string (lone surrogates become U+FFFD, as a browser would send them)
 */
export function pathSegment(value: string) {
  return encodeURIComponent(value.toWellFormed())
}

/** An endpoint under fuzzing: its random inputs and how to send one */
export type Endpoint = {
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

/** A form post as a browser sends it, from REFERER, not following redirects */
export const form = (client: ApiClient, method: 'post', url: string, input: object) =>
  client[method](url).withCsrfToken().header('referer', REFERER).form(input).redirects(0)

/**
 * A group fuzzing each endpoint with its random inputs: never a 5xx, every
 * refusal explains itself; `cleanUp` runs after each endpoint (e.g. stored files)
 */
export function fuzzEndpoints(title: string, endpoints: Endpoint[], cleanUp?: () => Promise<void>) {
  test.group(title, (group) => {
    group.each.setup(() => truncateTables())
    group.each.teardown(() => limiter.clear())
    if (cleanUp) group.each.teardown(cleanUp)

    for (const endpoint of endpoints) {
      test(`${endpoint.name}: a clear 4xx (or success), never a 500`, async ({
        client,
        assert,
      }) => {
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
}

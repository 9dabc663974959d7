import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { appOrigin, createUser } from '#tests/helpers/chat_fixtures'
import { logIn } from '#tests/helpers/transmit_stream'
import { truncateTables } from '#tests/helpers/database'
import { FakeBrowserKeys } from '#tests/helpers/push_receiver'

/**
 * A subscription as a browser sends it, on the loopback push service the
 * test environment allows (PUSH_SERVICE_ORIGINS in .env.test)
 */
function subscription(name: string, origin = 'http://127.0.0.1:9') {
  const browser = new FakeBrowserKeys()
  return {
    endpoint: `${origin}/push/${name}`,
    keys: { p256dh: browser.p256dh, auth: browser.auth },
  }
}

function subscribe(client: ApiClient, user: User, body: object) {
  return client
    .post('/push/subscriptions')
    .withCsrfToken()
    .header('accept', 'application/json')
    .json(body)
    .loginAs(user)
}

function unsubscribe(client: ApiClient, user: User, endpoint: string) {
  return client
    .delete('/push/subscriptions')
    .withCsrfToken()
    .header('accept', 'application/json')
    .json({ endpoint })
    .loginAs(user)
}

/**
 * The stored subscriptions as [user, endpoint] rows, by id
 */
async function storedSubscriptions() {
  const rows = await db.from('push_subscriptions').orderBy('id').select('user_id', 'endpoint')
  return rows.map((row) => [row.user_id, row.endpoint])
}

test.group('Push subscriptions', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => limiter.clear())

  test('a signed-in user stores this browser’s subscription; sending it again renews it', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const phone = subscription('phone')

    const first = await subscribe(client, ana, phone)
    const again = await subscribe(client, ana, phone)

    first.assertStatus(201)
    assert.deepEqual(first.body(), { data: { endpoint: phone.endpoint } })
    again.assertStatus(201)
    const rows = await db.from('push_subscriptions').select('user_id', 'endpoint', 'p256dh', 'auth')
    assert.deepEqual(rows, [
      {
        user_id: ana.id,
        endpoint: phone.endpoint,
        p256dh: phone.keys.p256dh,
        auth: phone.keys.auth,
      },
    ])
  })

  test('a browser’s endpoint belongs to its latest user: signing in as someone else takes it over', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const shared = subscription('shared-laptop')

    await subscribe(client, ana, shared)
    const taken = await subscribe(client, bob, shared)

    taken.assertStatus(201)
    assert.deepEqual(await storedSubscriptions(), [[bob.id, shared.endpoint]])
  })

  test('at most 10 subscriptions per user: the least recently renewed one goes', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const endpoints: string[] = []
    for (let index = 1; index <= 11; index++) {
      const device = subscription(`device-${index}`)
      endpoints.push(device.endpoint)
      const response = await subscribe(client, ana, device)
      response.assertStatus(201)
    }

    assert.deepEqual(
      await storedSubscriptions(),
      endpoints.slice(1).map((endpoint) => [ana.id, endpoint])
    )
  })

  test('an endpoint outside the allowed push services is refused: {$self}')
    .with([
      'https://evil.example/push/1',
      'http://10.0.0.1:8080/push/1',
      'https://127.0.0.1/push/1',
      'http://user:pass@127.0.0.1:9/push/1',
    ])
    .run(async ({ client, assert }, endpoint) => {
      const ana = await createUser()
      const response = await subscribe(client, ana, { ...subscription('x'), endpoint })

      response.assertStatus(422)
      assert.deepEqual(response.body(), {
        errors: [
          {
            code: 'E_PUSH_SERVICE_NOT_ALLOWED',
            message: 'This push service is not allowed here',
            field: 'endpoint',
          },
        ],
      })
      assert.deepEqual(await storedSubscriptions(), [])
    })

  test('malformed subscriptions get a 422 naming the field', async ({ client, assert }) => {
    const ana = await createUser()
    const valid = subscription('x')
    const cases: Array<[object, string]> = [
      [{ keys: valid.keys }, 'endpoint'],
      [{ ...valid, endpoint: 'not a url' }, 'endpoint'],
      [{ ...valid, endpoint: `http://127.0.0.1:9/${'x'.repeat(1000)}` }, 'endpoint'],
      [{ endpoint: valid.endpoint }, 'keys'],
      [{ ...valid, keys: { ...valid.keys, p256dh: 'short' } }, 'keys.p256dh'],
      [{ ...valid, keys: { ...valid.keys, auth: '!'.repeat(22) } }, 'keys.auth'],
    ]
    for (const [body, field] of cases) {
      const response = await subscribe(client, ana, body)
      response.assertStatus(422)
      assert.equal(response.body().errors[0].field, field, JSON.stringify(body).slice(0, 80))
    }
    assert.deepEqual(await storedSubscriptions(), [])
  })

  test('a user removes only their own subscription: another’s endpoint is a 404', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const anas = subscription('ana')
    await subscribe(client, ana, anas)

    const byBob = await unsubscribe(client, bob, anas.endpoint)
    byBob.assertStatus(404)
    assert.deepEqual(await storedSubscriptions(), [[ana.id, anas.endpoint]])

    const byAna = await unsubscribe(client, ana, anas.endpoint)
    byAna.assertStatus(204)
    assert.deepEqual(await storedSubscriptions(), [])
  })

  test('signed out, both routes refuse (401 for JSON) and store nothing', async ({
    client,
    assert,
  }) => {
    const phone = subscription('phone')
    const stored = await client
      .post('/push/subscriptions')
      .withCsrfToken()
      .header('accept', 'application/json')
      .json(phone)
    const removed = await client
      .delete('/push/subscriptions')
      .withCsrfToken()
      .header('accept', 'application/json')
      .json({ endpoint: phone.endpoint })

    stored.assertStatus(401)
    removed.assertStatus(401)
    assert.deepEqual(await storedSubscriptions(), [])
  })

  test('without the CSRF token the request is refused and stores nothing', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const response = await client
      .post('/push/subscriptions')
      .header('accept', 'application/json')
      .json(subscription('phone'))
      .loginAs(ana)

    response.assertStatus(403)
    assert.deepEqual(await storedSubscriptions(), [])
  })

  test('20 changes per 10 minutes per user, then 429', async ({ client, assert }) => {
    const ana = await createUser()
    const statuses: number[] = []
    for (let index = 1; index <= 21; index++) {
      const response = await subscribe(client, ana, subscription(`d-${index}`))
      statuses.push(response.status())
    }

    assert.deepEqual(statuses, [...Array(20).fill(201), 429])
  })

  test('signing out deletes the subscriptions made in that sign-in, not the others', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const laptop = subscription('laptop')
    const phone = subscription('phone')
    await subscribe(client, ana, phone)
    const cookie = await logIn(appOrigin, ana.username)
    const page = await fetch(`${appOrigin}/account`, { headers: { cookie } })
    const csrf = /<meta name="csrf-token" content="([^"]+)"/.exec(await page.text())![1]
    const headers = { cookie, 'x-csrf-token': csrf, 'accept': 'application/json' }

    const kept = await fetch(`${appOrigin}/push/subscriptions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(laptop),
    })
    assert.equal(kept.status, 201)
    assert.lengthOf(await storedSubscriptions(), 2)

    const loggedOut = await fetch(`${appOrigin}/logout`, {
      method: 'POST',
      headers,
      redirect: 'manual',
    })

    assert.equal(loggedOut.status, 302)
    assert.deepEqual(await storedSubscriptions(), [[ana.id, phone.endpoint]])
  })
})

import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import User from '#models/user'
import Message from '#models/message'
import type Room from '#models/room'
import WebhookDispatcher, { webhookSignature } from '#services/webhooks/webhook_dispatcher'
import { truncateTables } from '#tests/helpers/database'
import { closeAllClients } from '#tests/helpers/ws_client'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { WebhookReceiver } from '#tests/helpers/webhook_receiver'

/**
 * Creates a webhook of `room` as `user` over the API
 */
function createWebhook(client: ApiClient, user: User, room: Room, body: object) {
  return client.post(`/api/v1/rooms/${room.id}/webhooks`).json(body).withGuard('api').loginAs(user)
}

/**
 * Posts `text` to `room` as `user` over the API
 */
function post(client: ApiClient, user: User, room: Room, text: string) {
  return client
    .post(`/api/v1/rooms/${room.id}/messages`)
    .json({ text })
    .withGuard('api')
    .loginAs(user)
}

/**
 * Runs `fn` with webhook settings changed, restoring them after
 */
async function withSettings<T>(changes: Record<string, unknown>, fn: () => Promise<T>) {
  const saved = { ...app.config.get<Record<string, unknown>>('webhooks') }
  app.config.set('webhooks', { ...saved, ...changes })
  try {
    return await fn()
  } finally {
    app.config.set('webhooks', saved)
  }
}

/**
 * Waits until the notifying store queued the message's deliveries (after its commit)
 */
async function queuedDeliveries(count: number) {
  for (let round = 0; round < 200; round++) {
    const [{ total }] = await db.from('webhook_deliveries').count('* as total')
    if (Number(total) >= count) return
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error(`fewer than ${count} deliveries queued`)
}

test.group('Webhooks', (group) => {
  let receiver: WebhookReceiver
  group.each.setup(async () => {
    receiver = await WebhookReceiver.start()
    return () => receiver.close()
  })
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('an incoming webhook posts as its bot; a wrong token is a 404; a client id posts once', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const room = await createRoom(owner)
    const created = await createWebhook(client, owner, room, { direction: 'incoming', name: 'CI' })
    created.assertStatus(201)
    const url = new URL(created.body().data.url)
    assert.match(url.pathname, /^\/api\/v1\/hooks\/[\w-]{32}$/)

    const posted = await client
      .post(url.pathname)
      .json({ text: 'build **green**', client_id: 'b-1' })
    posted.assertStatus(201)
    const again = await client
      .post(url.pathname)
      .json({ text: 'build **green**', client_id: 'b-1' })
    assert.equal(again.body().data.seq, posted.body().data.seq)
    const rows = await Message.query().where('room_id', room.id).preload('author')
    assert.deepEqual(
      rows.map((row) => [row.body, row.author.displayName, row.author.isBot]),
      [['build **green**', 'CI', true]]
    )
    const wrong = await client.post('/api/v1/hooks/not-a-token').json({ text: 'x' })
    wrong.assertStatus(404)
    const empty = await client.post(url.pathname).json({ text: '  ' })
    empty.assertStatus(422)
  })

  test('an incoming webhook is rate limited (429 with Retry-After)', async ({ client, assert }) => {
    const owner = await createUser()
    const room = await createRoom(owner)
    const created = await createWebhook(client, owner, room, { direction: 'incoming', name: 'x' })
    const path = new URL(created.body().data.url).pathname
    await withSettings({ incomingPerMinute: 2 }, async () => {
      for (const text of ['one', 'two']) {
        const response = await client.post(path).json({ text })
        response.assertStatus(201)
      }
      const refused = await client.post(path).json({ text: 'three' })
      refused.assertStatus(429)
      assert.isAbove(Number(refused.header('retry-after')), 0)
    })
    assert.lengthOf(await Message.query().where('room_id', room.id), 2)
  })

  test('an outgoing webhook receives each new message signed; bots’ messages are not sent', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const room = await createRoom(owner)
    await withSettings({ allowPrivateTargets: true }, async () => {
      const created = await createWebhook(client, owner, room, {
        direction: 'outgoing',
        name: 'archive',
        url: receiver.url,
      })
      created.assertStatus(201)
      const secret = created.body().data.secret
      const incoming = await createWebhook(client, owner, room, {
        direction: 'incoming',
        name: 'bot',
      })
      await client.post(new URL(incoming.body().data.url).pathname).json({ text: 'from a bot' })
      const posted = await post(client, owner, room, 'hello *world*')
      posted.assertStatus(201)
      await queuedDeliveries(1)

      const dispatcher = await app.container.make(WebhookDispatcher)
      assert.equal(await dispatcher.deliverDue(), 1)
      assert.lengthOf(receiver.received, 1)
      const [hook] = receiver.received
      const payload = JSON.parse(hook.body)
      assert.deepEqual(payload.message.text, 'hello *world*')
      assert.deepEqual(payload.room, { id: room.id, name: room.name })
      assert.equal(payload.message.seq, 2)
      assert.equal(payload.message.user.username, owner.username)
      const timestamp = Number(hook.headers['x-roomchat-timestamp'])
      assert.equal(
        hook.headers['x-roomchat-signature'],
        webhookSignature(secret, timestamp, hook.body)
      )
      assert.notEqual(
        hook.headers['x-roomchat-signature'],
        webhookSignature('other', timestamp, hook.body)
      )
      const [{ total }] = await db.from('webhook_deliveries').count('* as total')
      assert.equal(Number(total), 0)
    })
  })

  test('a failed delivery is retried later, then given up and recorded', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const room = await createRoom(owner)
    const dispatcher = await app.container.make(WebhookDispatcher)
    await withSettings({ allowPrivateTargets: true, retryDelaysMs: [60_000] }, async () => {
      await createWebhook(client, owner, room, {
        direction: 'outgoing',
        name: 'x',
        url: receiver.url,
      })
      receiver.statuses = [500, 503]
      await post(client, owner, room, 'first try fails')
      await queuedDeliveries(1)
      await dispatcher.deliverDue()
      const waiting = await db.from('webhook_deliveries').first()
      assert.deepEqual([waiting.attempts, waiting.last_error], [1, 'HTTP 500'])
      assert.isAbove(new Date(waiting.next_attempt_at).getTime(), Date.now() + 50_000)
      assert.equal(await dispatcher.deliverDue(), 0, 'not due yet')

      await db.from('webhook_deliveries').update({ next_attempt_at: db.raw('now()') })
      await dispatcher.deliverDue()
      assert.lengthOf(receiver.received, 2)
      const webhook = await db.from('room_webhooks').where('direction', 'outgoing').first()
      assert.deepEqual([webhook.failures, webhook.last_error], [1, 'HTTP 503'])
      const [{ total }] = await db.from('webhook_deliveries').count('* as total')
      assert.equal(Number(total), 0)
    })
  })

  for (const url of [
    'http://127.0.0.1:9/hook',
    'http://localhost/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://10.1.2.3/',
    'http://[::1]/',
    'http://[::ffff:192.168.0.1]/',
  ]) {
    test(`an outgoing webhook may not target ${url} (SSRF)`, async ({ client, assert }) => {
      const owner = await createUser()
      const room = await createRoom(owner)
      const refused = await createWebhook(client, owner, room, {
        direction: 'outgoing',
        name: 'x',
        url,
      })
      refused.assertStatus(422)
      assert.deepEqual(refused.body().errors[0], {
        code: 'E_WEBHOOK_TARGET_PRIVATE',
        message: 'The URL reaches a loopback, private or reserved address',
        field: 'url',
      })
    })
  }

  test('an outgoing webhook to a host name that does not resolve says so, not "private"', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const room = await createRoom(owner)
    // .invalid never resolves (RFC 2606)
    const url = 'https://hooks.example.invalid/deploys'
    const refused = await createWebhook(client, owner, room, {
      direction: 'outgoing',
      name: 'x',
      url,
    })
    refused.assertStatus(422)
    assert.deepEqual(refused.body().errors[0], {
      code: 'E_WEBHOOK_HOST_UNKNOWN',
      message: 'The URL’s host name could not be found',
      field: 'url',
    })
    const [{ total }] = await db.from('room_webhooks').count('* as total')
    assert.equal(Number(total), 0)
  })

  for (const host of ['127.0.0.1', 'localhost']) {
    test(`the address is checked again when sending (${host}: a target re-pointed inward)`, async ({
      client,
      assert,
    }) => {
      const owner = await createUser()
      const room = await createRoom(owner)
      const url = receiver.url.replace('127.0.0.1', host)
      await withSettings({ allowPrivateTargets: true }, () =>
        createWebhook(client, owner, room, { direction: 'outgoing', name: 'x', url })
      )
      await post(client, owner, room, 'secret')
      await queuedDeliveries(1)
      const dispatcher = await app.container.make(WebhookDispatcher)
      await dispatcher.deliverDue()
      assert.lengthOf(receiver.received, 0)
      const waiting = await db.from('webhook_deliveries').first()
      assert.equal(waiting.last_error, `${host} is not a public address`)
    })
  }

  test('only whoever moderates the room manages its webhooks; outsiders of a private room get 404', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const member = await createUser()
    const room = await createRoom(owner)
    const list = await client
      .get(`/api/v1/rooms/${room.id}/webhooks`)
      .withGuard('api')
      .loginAs(member)
    list.assertStatus(403)
    const create = await createWebhook(client, member, room, { direction: 'incoming', name: 'x' })
    create.assertStatus(403)
    room.visibility = 'private'
    await room.save()
    await room.related('members').attach([owner.id])
    const outsider = await client.get(`/rooms/${room.id}/webhooks`).loginAs(member)
    outsider.assertStatus(404)
    const missingUrl = await createWebhook(client, owner, room, {
      direction: 'outgoing',
      name: 'x',
    })
    missingUrl.assertStatus(422)
    assert.equal(missingUrl.body().errors[0].field, 'url')
  })

  test('the webhooks page creates one and shows its secret URL once', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const room = await createRoom(owner)
    const created = await client
      .post(`/rooms/${room.id}/webhooks`)
      .withCsrfToken()
      .form({ direction: 'incoming', name: 'Deploys' })
      .loginAs(owner)
    created.assertStatus(200)
    assert.match(created.text(), /value="http:\/\/[^"]+\/api\/v1\/hooks\/[\w-]{32}"/)
    assert.include(created.text(), 'Deploys')
    const later = await client.get(`/rooms/${room.id}/webhooks`).loginAs(owner)
    assert.notMatch(later.text(), /\/api\/v1\/hooks\//)
  })

  test('node ace bot:create makes a bot account with an API token', async ({ assert }) => {
    const ace = await app.container.make('ace')
    const command = await ace.exec('bot:create', ['deploy-bot', '--display-name=Deploys'])
    assert.equal(command.exitCode, 0)
    const bot = await User.findByOrFail('username', 'deploy-bot')
    assert.deepEqual([bot.isBot, bot.displayName], [true, 'Deploys'])
    const tokens = await User.accessTokens.all(bot)
    assert.lengthOf(tokens, 1)
    const duplicate = await ace.exec('bot:create', ['deploy-bot'])
    assert.equal(duplicate.exitCode, 1)
  })
})

import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { PostgresTransport } from '#services/transmit/postgres_transport'

/**
 * A transport on the test database, as config/transmit.ts makes one, with bus id `id`;
 * the SQL of each statement it sends goes into `statements`, its warnings into `warnings`
 */
function transport(id: string, statements: string[] = [], warnings: string[] = []) {
  const made = new PostgresTransport(async () => {
    const database = await app.container.make('lucid.db')
    const counted = new Proxy(database, {
      get(target, property) {
        if (property === 'rawQuery') {
          return (sql: string, bindings: unknown[]) => {
            statements.push(sql)
            return target.rawQuery(sql, bindings as any)
          }
        }
        const value = Reflect.get(target, property)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const logger = await app.container.make('logger')
    const said = Object.assign(Object.create(logger), {
      warn: (details: object, message: string) => {
        warnings.push(message)
        logger.warn(details, message)
      },
    })
    return { db: counted, logger: said }
  })
  return made.setId(id)
}

/**
 * Resolves with the first `count` payloads `handler` receives on `channel`
 */
async function collect(on: PostgresTransport, channel: string, count: number) {
  const received: unknown[] = []
  let done: (payloads: unknown[]) => void
  const all = new Promise<unknown[]>((resolve) => (done = resolve))
  await on.subscribe(channel, (payload) => {
    received.push(payload)
    if (received.length === count) done(received)
  })
  return { all, received }
}

/**
 * A transport whose first `failures` connections go to a port where nothing listens (the
 * database not up yet), with its warnings in `warnings`
 */
function transportFailingFirst(id: string, failures: number, warnings: string[]) {
  let attempts = 0
  const made = new PostgresTransport(async () => {
    const database = await app.container.make('lucid.db')
    const logger = await app.container.make('logger')
    const flaky = new Proxy(database, {
      get(target, property) {
        if (property === 'getRawConnection') {
          return (name: string) => {
            const node = target.getRawConnection(name)!
            attempts += 1
            if (attempts > failures) return node
            const connection = { ...(node.config.connection as object), port: 1 }
            return { ...node, config: { ...node.config, connection } }
          }
        }
        const value = Reflect.get(target, property)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const said = Object.assign(Object.create(logger), {
      warn: (_details: object, message: string) => warnings.push(message),
    })
    return { db: flaky, logger: said }
  })
  return made.setId(id)
}

test.group('Transmit over PostgreSQL (LISTEN/NOTIFY)', () => {
  test('another process’s messages arrive, in order; its own do not come back', async ({
    assert,
    cleanup,
  }) => {
    const web = transport('web')
    const chat = transport('chat')
    cleanup(async () => {
      await Promise.all([web.disconnect(), chat.disconnect()])
    })
    const onWeb = await collect(web, 'transmit::test', 3)
    const onChat = await collect(chat, 'transmit::test', 1)

    await Promise.all([
      chat.publish('transmit::test', { n: 1 }),
      chat.publish('transmit::test', { n: 2 }),
      chat.publish('transmit::test', { n: 3, text: 'Xin chào 👋' }),
    ])
    assert.deepEqual(await onWeb.all, [{ n: 1 }, { n: 2 }, { n: 3, text: 'Xin chào 👋' }])
    await web.publish('transmit::test', { n: 4 })
    assert.deepEqual(await onChat.all, [{ n: 4 }])
    assert.lengthOf(onWeb.received, 3, 'its own message did not come back to the web side')
  })

  test('messages published in one tick go out as one statement, packed into notifications, in order; one too large for NOTIFY stays local and is said', async ({
    assert,
    cleanup,
  }) => {
    const statements: string[] = []
    const warnings: string[] = []
    const web = transport('web')
    const chat = transport('chat', statements, warnings)
    cleanup(async () => {
      await Promise.all([web.disconnect(), chat.disconnect()])
    })
    // 60 messages of 400 bytes of JSON each: 19 fit in one notification with its envelope
    const messages = Array.from({ length: 60 }, (_, index) => ({
      n: 10 + index,
      text: 'x'.repeat(382),
    }))
    assert.equal(JSON.stringify(messages[0]).length, 400)
    const onWeb = await collect(web, 'transmit::test', messages.length)

    await Promise.all([
      ...messages.slice(0, 30).map((message) => chat.publish('transmit::test', message)),
      chat.publish('transmit::test', { big: 'x'.repeat(9000) }),
      ...messages.slice(30).map((message) => chat.publish('transmit::test', message)),
    ])
    assert.deepEqual(await onWeb.all, messages)
    assert.deepEqual(statements, [`SELECT ${Array(4).fill('pg_notify(?, ?)').join(', ')}`])
    assert.deepEqual(warnings, ['transmit event too large'])
  })

  test('a notification of the version before packs (one message, `payload`) is still received', async ({
    assert,
    cleanup,
  }) => {
    const web = transport('web')
    cleanup(() => web.disconnect())
    const onWeb = await collect(web, 'transmit::test', 1)
    await db.rawQuery('SELECT pg_notify(?, ?)', [
      'transmit::test',
      JSON.stringify({ busId: 'chat', payload: { n: 1 } }),
    ])
    assert.deepEqual(await onWeb.all, [{ n: 1 }])
  })

  test('a lost listening connection listens again and says so', async ({ assert, cleanup }) => {
    const web = transport('web')
    const chat = transport('chat')
    cleanup(async () => {
      await Promise.all([web.disconnect(), chat.disconnect()])
    })
    let reconnected = 0
    web.onReconnect(() => (reconnected += 1))
    const onWeb = await collect(web, 'transmit::test', 2)
    await chat.publish('transmit::test', { before: true })

    await db.rawQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE pid <> pg_backend_pid() AND query LIKE 'LISTEN %transmit::test%'`
    )
    const deadline = Date.now() + 10_000
    while (reconnected === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal(reconnected, 1)
    await chat.publish('transmit::test', { after: true })
    assert.deepEqual(await onWeb.all, [{ before: true }, { after: true }])
  }).timeout(20_000)

  test('a database not reachable when Transmit subscribes is said, never thrown, and listened to once it is', async ({
    assert,
    cleanup,
  }) => {
    const warnings: string[] = []
    const web = transportFailingFirst('web', 1, warnings)
    const chat = transport('chat')
    cleanup(async () => {
      await Promise.all([web.disconnect(), chat.disconnect()])
    })
    let reconnected = 0
    web.onReconnect(() => (reconnected += 1))

    const onWeb = await collect(web, 'transmit::test', 1)
    assert.deepEqual(warnings, ['transmit listener not ready, listening again'])
    const deadline = Date.now() + 10_000
    while (reconnected === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    assert.equal(reconnected, 1)
    await chat.publish('transmit::test', { late: true })
    assert.deepEqual(await onWeb.all, [{ late: true }])
  }).timeout(20_000)
})

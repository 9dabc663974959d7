import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import db from '@adonisjs/lucid/services/db'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { createRoom } from '#tests/helpers/chat_fixtures'
import { UserFactory } from '#database/factories/user_factory'

test.group('Message store: group commit', (group) => {
  group.each.setup(() => truncateTables())

  test('concurrent appends share commits and keep the log gap-free and exactly-once ({$self})')
    .with(['with mentions', 'without mentions'] as const)
    .run(async ({ assert }, variant) => {
      const mention = variant === 'with mentions' ? '@' : ''

      const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
      const [ana, bob] = await UserFactory.createMany(2)
      const room = await createRoom(ana)
      const users = [ana, bob].map((user) => ({ id: user.id, username: user.username }))
      const sends = Array.from({ length: 60 }, (_, index) => ({
        room: room.id,
        user: users[index % 2],
        // the last 10 repeat the client ids of the first 10, in the same burst
        clientId: `c${index % 50}`,
        text: `message ${index % 50} for ${mention}${users[(index + 1) % 2].username}`,
      }))

      const results = await Promise.all(sends.map((send) => store.append(send)))
      const resend = await store.append(sends[3])

      const fresh = results.filter((result) => !result!.duplicate)
      assert.deepEqual(
        fresh.map((result) => result!.seq).sort((a, b) => a - b),
        Array.from({ length: 50 }, (_, index) => index + 1)
      )
      for (let index = 50; index < 60; index++) {
        assert.isTrue(results[index]!.duplicate)
        assert.equal(results[index]!.seq, results[index - 50]!.seq)
        assert.equal(results[index]!.id, results[index - 50]!.id)
      }
      assert.isTrue(resend!.duplicate)
      assert.equal(resend!.seq, results[3]!.seq)

      const rows = await db.from('messages').where('room_id', room.id).orderBy('seq')
      const head = await db.from('rooms').where('id', room.id).first()
      const mentions = await db.from('message_mentions').where('room_id', room.id)
      const transactions = new Set(rows.map((row) => row.created_at.toISOString()))
      assert.lengthOf(rows, 50)
      assert.equal(head.last_seq, 50)
      const name = users[1].username
      if (mention) {
        assert.lengthOf(mentions, 50)
        assert.equal(
          rows[0].body_html,
          `<p>message 0 for <span class="mention" data-username="${name.toLowerCase()}">@${name}</span></p>`
        )
      } else {
        assert.lengthOf(mentions, 0)
        assert.equal(rows[0].body_html, `<p>message 0 for ${name}</p>`)
      }
      // now() is the transaction's start: fewer distinct times than messages means batches
      assert.isBelow(transactions.size, 50)
    })

  test('appends to a room that is gone resolve to null, the others are stored', async ({
    assert,
  }) => {
    const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
    const ana = await UserFactory.create()
    const room = await createRoom(ana)
    const user = { id: ana.id, username: ana.username }

    const [gone, kept] = await Promise.all([
      store.append({ room: 2 ** 31 - 1, user, clientId: 'x', text: 'nowhere' }),
      store.append({ room: room.id, user, clientId: 'x', text: 'here' }),
    ])

    assert.isNull(gone)
    assert.equal(kept!.seq, 1)
  })

  test('a client_id PostgreSQL stores differently (a lone surrogate) is still a duplicate on resend', async ({
    assert,
  }) => {
    const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
    const [ana, bob] = await UserFactory.createMany(2)
    const room = await createRoom(ana)
    const user = (who: typeof ana) => ({ id: who.id, username: who.username })
    const lone = { room: room.id, user: user(ana), clientId: 'p\ud800', text: 'first' }

    const first = await store.append(lone)
    const batch = await Promise.all([
      store.append({ room: room.id, user: user(bob), clientId: 'b-1', text: 'hold the room' }),
      store.append(lone),
      store.append({ room: room.id, user: user(bob), clientId: 'b-2', text: 'after' }),
      store.append(lone),
    ])

    assert.deepEqual(
      [first, ...batch].map((result) => [result!.seq, result!.duplicate]),
      [
        [1, false],
        [2, false],
        [1, true],
        [3, false],
        [1, true],
      ]
    )
    const rows = await db.from('messages').where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.seq, row.client_id, row.body]),
      [
        [1, 'p\ufffd', 'first'],
        [2, 'b-1', 'hold the room'],
        [3, 'b-2', 'after'],
      ]
    )
  })

  test('a message PostgreSQL refuses fails alone; the others of its batch are stored', async ({
    assert,
  }) => {
    const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
    const ana = await UserFactory.create()
    const room = await createRoom(ana)
    const user = { id: ana.id, username: ana.username }
    const send = (clientId: string, text: string) =>
      store.append({ room: room.id, user, clientId, text }).then(
        (result) => result!.seq,
        (error: { code?: string }) => `failed: ${error.code}`
      )

    const outcomes = await Promise.all([
      send('c-1', 'holds the room'),
      send('c-2', 'before'),
      send('c-3', 'NUL \u0000 is no text for PostgreSQL'),
      send('c-4', 'after'),
    ])

    assert.deepEqual(outcomes, [1, 2, 'failed: 22021', 3])
    const rows = await db.from('messages').where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.seq, row.client_id]),
      [
        [1, 'c-1'],
        [2, 'c-2'],
        [3, 'c-4'],
      ]
    )
    const head = await db.from('rooms').where('id', room.id).first()
    assert.equal(head.last_seq, 3)
  })

  test('a batch is one named statement, planned once per connection and run again', async ({
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await createRoom(ana)
    const user = { id: ana.id, username: ana.username }

    const [seqs, runs] = await db.transaction(async (trx) => {
      // a named statement lives as long as its connection: count this test's runs
      const runsSoFar = async () => {
        const { rows } = await trx.rawQuery(
          `SELECT generic_plans + custom_plans AS runs FROM pg_prepared_statements
           WHERE name = 'roomchat_append_batch'`
        )
        return rows.length === 0 ? 0 : Number(rows[0].runs)
      }
      const before = await runsSoFar()
      const store = new LucidMessageStore(trx, new MarkdownMessageRenderer())
      const first = await store.append({ room: room.id, user, clientId: 'n-1', text: 'one' })
      const second = await store.append({ room: room.id, user, clientId: 'n-2', text: 'two' })
      return [[first!.seq, second!.seq], (await runsSoFar()) - before]
    })

    assert.deepEqual(seqs, [1, 2])
    assert.equal(runs, 2)
  })
})

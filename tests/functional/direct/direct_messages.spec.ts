import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import transmit from '@adonisjs/transmit/services/main'
import Room from '#models/room'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { memberIdsOf } from '#tests/helpers/private_rooms'
import { truncateTables } from '#tests/helpers/database'
import DirectMessageService from '#services/people/direct_message_service'

test.group('Direct messages: opening', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the form opens a conversation, and opening it again finds the same one', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()

    const opened = await client
      .post('/direct')
      .withCsrfToken()
      .loginAs(ana)
      .form({ usernames: 'bob' })
      .redirects(0)
    const room = await Room.findByOrFail('kind', 'direct')
    opened.assertStatus(302)
    opened.assertHeader('location', `/rooms/${room.id}`)
    assert.deepEqual(
      [room.visibility, room.directKey, await memberIdsOf(room.id)],
      ['private', `${ana.id},${bob.id}`, [ana.id, bob.id]]
    )

    const again = await client
      .post('/direct')
      .withCsrfToken()
      .loginAs(bob)
      .form({ usernames: '@ANA, bob' })
      .redirects(0)
    again.assertHeader('location', `/rooms/${room.id}`)
    assert.lengthOf(await Room.query().where('kind', 'direct'), 1)

    const page = await client.get(`/rooms/${room.id}`).loginAs(bob)
    page.assertStatus(200)
    assert.include(page.text(), '<h1 class="room-name">ana</h1>')
    assert.include(page.text(), `data-presence-user="${ana.id}"`)
    assert.include(page.text(), 'href="/people/ana" data-username="ana">ana</a>')
    assert.notInclude(page.text(), `/rooms/${room.id}/members"`)
    assert.notInclude(page.text(), `/rooms/${room.id}/delete`)
  })

  test('a group of up to 9 people, in any order, is one conversation', async ({
    client,
    assert,
  }) => {
    const starter = await UserFactory.create()
    const others = await UserFactory.createMany(8)
    const names = others.map((user) => user.username)
    const first = await client
      .post('/api/v1/direct')
      .withGuard('api')
      .loginAs(starter)
      .json({ usernames: names })
    first.assertStatus(201)
    const id = first.body().data.id
    assert.deepEqual(
      first.body().data.people.map((person: { id: number }) => person.id),
      [starter, ...others].map((user) => user.id).sort((a, b) => a - b)
    )
    assert.equal(first.body().data.kind, 'direct')

    const reversed = [...names.slice(1).reverse(), starter.username, names[0]]
    const second = await client
      .post('/api/v1/direct')
      .withGuard('api')
      .loginAs(others[3])
      .json({ usernames: reversed })
    second.assertStatus(200)
    assert.equal(second.body().data.id, id)

    const listed = await client.get('/api/v1/direct').withGuard('api').loginAs(others[0])
    assert.deepEqual(
      listed.body().data.map((conversation: { id: number }) => conversation.id),
      [id]
    )
  })

  test('unknown people, nobody else and too many people are refused', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const others = await UserFactory.createMany(9)
    const refusals = [
      [{ usernames: ['ghost'] }, 'E_UNKNOWN_USER', 'No user has this username'],
      [{ usernames: ['ana', '@Ana'] }, 'E_NO_OTHER_PEOPLE', 'Name at least one other person'],
      [
        { usernames: others.map((user) => user.username) },
        'E_TOO_MANY_PEOPLE',
        'A direct conversation has at most 9 people',
      ],
    ] as const
    for (const [body, code, message] of refusals) {
      const response = await client.post('/api/v1/direct').withGuard('api').loginAs(ana).json(body)
      response.assertStatus(422)
      assert.deepEqual(response.body(), { errors: [{ code, message, field: 'usernames' }] })
    }
    const invalid = await client
      .post('/api/v1/direct')
      .withGuard('api')
      .loginAs(ana)
      .json({ usernames: ['deleted user 1'] })
    invalid.assertStatus(422)
    assert.deepInclude(invalid.body().errors[0], { field: 'usernames.0', rule: 'regex' })

    const form = await client
      .post('/direct')
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', '/direct')
      .form({ usernames: `${others[0].username} ghost` })
      .redirects(0)
    form.assertHeader('location', '/direct')
    assert.deepEqual(form.flashMessages().inputErrorsBag, {
      usernames: ['No user has the username ghost.'],
    })
    assert.lengthOf(await Room.query().where('kind', 'direct'), 0)
  })

  test('a webhook’s bot and a deactivated account cannot be messaged, nor offered the button', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bot = await UserFactory.merge({ username: 'ci_bot', isBot: true }).create()
    const gone = await UserFactory.merge({
      username: 'gone',
      deactivatedAt: DateTime.now(),
    }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const notReachable =
      'This account cannot receive direct messages (a webhook bot or a deactivated account)'
    for (const usernames of [['ci_bot'], ['bob', 'gone']]) {
      const response = await client.post('/api/v1/direct').withGuard('api').loginAs(ana).json({
        usernames,
      })
      response.assertStatus(422)
      assert.deepEqual(response.body(), {
        errors: [{ code: 'E_NOT_REACHABLE', message: notReachable, field: 'usernames' }],
      })
    }
    const form = await client
      .post('/direct')
      .withCsrfToken()
      .loginAs(ana)
      .header('referer', '/direct')
      .form({ usernames: 'ci_bot' })
      .redirects(0)
    assert.deepEqual(form.flashMessages().inputErrorsBag, {
      usernames: [
        'ci_bot cannot receive direct messages (a webhook bot or a deactivated account).',
      ],
    })
    assert.lengthOf(await Room.query().where('kind', 'direct'), 0)

    for (const [person, offered] of [
      [bot, false],
      [gone, false],
      [bob, true],
    ] as const) {
      const page = await client.get(`/people/${person.username}`).loginAs(ana)
      assert.equal(page.text().includes('action="/direct"'), offered, person.username)
      const card = await client.get(`/people/${person.username}`).loginAs(ana).accept('json')
      assert.equal(card.body().data.directMessages, offered, person.username)
    }
  })

  test('a new conversation tells its people’s pages; opening it again tells nobody', async ({
    assert,
    cleanup,
  }) => {
    const [ana, bob] = await UserFactory.createMany(2)
    const told: Array<[string, unknown]> = []
    const original = transmit.broadcast
    transmit.broadcast = (channel: string, payload?: Parameters<typeof original>[1]) => {
      told.push([channel, payload])
      return original.call(transmit, channel, payload)
    }
    cleanup(() => {
      transmit.broadcast = original
    })
    const { room } = await new DirectMessageService().open(ana, [bob.username])
    await new DirectMessageService().open(bob, [ana.username])
    assert.sameDeepMembers(told, [
      [`users/${ana.id}`, { type: 'membership', room: room.id }],
      [`users/${bob.id}`, { type: 'membership', room: room.id }],
    ])
  })

  test('conversations are listed on /direct, never among rooms', async ({ client, assert }) => {
    const ana = await UserFactory.merge({ username: 'ana', displayName: 'Ana Lima' }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const { room } = await new DirectMessageService().open(ana, ['bob'])

    await client
      .post(`/api/v1/rooms/${room.id}/messages`)
      .withGuard('api')
      .loginAs(ana)
      .json({ text: 'hello bob' })
    const direct = await client.get('/direct').loginAs(bob)
    direct.assertStatus(200)
    assert.include(direct.text(), `<a href="/rooms/${room.id}">Ana Lima</a>`)
    assert.include(direct.text(), `data-presence-user="${ana.id}"`)
    assert.include(direct.text(), '<span class="badge unread">1 unread</span>')

    const rooms = await client.get('/rooms').loginAs(bob)
    const roomsList = rooms.text().slice(rooms.text().indexOf('<main'))
    assert.include(roomsList, '<h1')
    assert.notInclude(roomsList, `data-room-id="${room.id}"`)
    const api = await client.get('/api/v1/rooms').withGuard('api').loginAs(ana)
    assert.deepEqual(api.body().data, [])
  })
})

test.group('Direct messages: fixed people, no owner', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the starter cannot add, remove, invite, delete the conversation or others’ messages', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    await UserFactory.merge({ username: 'carol' }).create()
    const { room } = await new DirectMessageService().open(ana, [bob.username])
    await client
      .post(`/api/v1/rooms/${room.id}/messages`)
      .withGuard('api')
      .loginAs(bob)
      .json({ text: 'from bob' })

    const attempts = [
      client.post(`/api/v1/rooms/${room.id}/members`).json({ username: 'carol' }),
      client.delete(`/api/v1/rooms/${room.id}/members/${bob.id}`),
      client.post(`/api/v1/rooms/${room.id}/invites`).json({ maxUses: 1, expiresInDays: 1 }),
      client.delete(`/api/v1/rooms/${room.id}`),
      client.delete(`/api/v1/rooms/${room.id}/messages/1`),
    ]
    const statuses = []
    for (const attempt of attempts) {
      const response = await attempt.withGuard('api').loginAs(ana)
      statuses.push(response.status())
    }
    assert.deepEqual(statuses, [403, 403, 403, 403, 403])
    assert.deepEqual(
      await memberIdsOf(room.id),
      [ana.id, bob.id].sort((a, b) => a - b)
    )
    const message = await Message.query().where('room_id', room.id).firstOrFail()
    assert.isNull(message.deletedAt)

    const own = await client
      .delete(`/api/v1/rooms/${room.id}/messages/1`)
      .withGuard('api')
      .loginAs(bob)
    own.assertStatus(200)
  })

  test('nobody is shown as its owner: not in the API, not in the members pane', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const { room } = await new DirectMessageService().open(ana, [bob.username])

    const shown = await client.get(`/api/v1/rooms/${room.id}`).withGuard('api').loginAs(ana)
    shown.assertStatus(200)
    assert.deepInclude(shown.body().data, { kind: 'direct', owner: null })
    const members = await client
      .get(`/api/v1/rooms/${room.id}/members`)
      .withGuard('api')
      .loginAs(bob)
    assert.deepEqual(members.body().data, [
      { id: ana.id, username: 'ana', owner: false },
      { id: bob.id, username: 'bob', owner: false },
    ])
    for (const path of [`/rooms/${room.id}`, `/rooms/${room.id}/members`]) {
      const page = await client.get(path).loginAs(bob)
      page.assertStatus(200)
      assert.notInclude(page.text(), 'owner</span>', path)
      assert.notInclude(page.text(), '(owner)</small>', path)
    }
  })

  test('the starter may delete their account; the conversation stays for the others', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const bob = await UserFactory.create()
    const { room } = await new DirectMessageService().open(ana, [bob.username])
    const response = await client
      .delete('/api/v1/account')
      .withGuard('api')
      .loginAs(ana)
      .json({ password: 'secret-password' })
    response.assertStatus(204)
    assert.deepEqual(await memberIdsOf(room.id), [bob.id])
    const page = await client.get(`/rooms/${room.id}`).loginAs(bob)
    page.assertStatus(200)
  })
})

test.group('Direct messages: one per set of people', (group) => {
  group.each.setup(() => truncateTables())

  test('people opening the same conversation at once get one room', async ({ assert }) => {
    const people = await UserFactory.createMany(3)
    const service = new DirectMessageService()
    const opened = await Promise.all(
      people.flatMap((person) =>
        [0, 1].map(() =>
          service.open(
            person,
            people.map((other) => other.username)
          )
        )
      )
    )
    const ids = new Set(opened.map(({ room }) => room.id))
    assert.equal(ids.size, 1)
    assert.deepEqual(opened.filter(({ created }) => created).length, 1)
    assert.deepEqual(
      await memberIdsOf([...ids][0]),
      people.map((person) => person.id).sort((a, b) => a - b)
    )
  })

  test('the database refuses a second room for the same people', async ({ assert }) => {
    const [ana, bob] = await UserFactory.createMany(2)
    await new DirectMessageService().open(ana, [bob.username])
    const key = [ana.id, bob.id].sort((a, b) => a - b).join(',')
    await assert.rejects(
      () =>
        db.rawQuery(
          `INSERT INTO rooms (name, owner_id, last_seq, visibility, kind, direct_key, created_at)
           VALUES ('again', ?, 0, 'private', 'direct', ?, now())`,
          [bob.id, key]
        ),
      /rooms_direct_key_unique/
    )
    await assert.rejects(
      () =>
        db.rawQuery(
          `INSERT INTO rooms (name, owner_id, last_seq, visibility, kind, direct_key, created_at)
           VALUES ('open', ?, 0, 'public', 'direct', '1,2', now())`,
          [bob.id]
        ),
      /rooms_kind_check/
    )
  })
})

import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { ChatNode } from '#chat/src/chat_node'
import MessageRowCache from '#services/chat/message_row_cache'
import { truncateTables } from '#tests/helpers/database'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { chatUser, pageAs, post, react, rowOf } from '#tests/helpers/room_page'

/**
 * The CSRF token of a rendered page (its meta tag) and every token its message rows carry
 */
function tokensOf(html: string) {
  const rows = html.slice(
    html.indexOf('<ol id="messages"'),
    html.indexOf('</ol>', html.indexOf('<ol id="messages"'))
  )
  return {
    page: html.match(/<meta name="csrf-token" content="([^"]+)"/)![1],
    rows: [...rows.matchAll(/name='_csrf' value='([^']+)'/g)].map((match) => match[1]),
  }
}

test.group('Room page: message rows cached across readers', (group) => {
  group.each.setup(() => truncateTables())

  test('each reader sees their own menus, pressed reactions and CSRF token', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const cy = await createUser()
    const room = await createRoom(owner)
    const anas = await post(room, ana, 'from ana')
    const bobs = await post(room, bob, 'from bob')
    for (const reactor of [ana, bob]) {
      await react(room, reactor, anas)
    }

    const edit = (seq: number) => `href="/rooms/${room.id}/messages/${seq}/edit"`
    const remove = (seq: number) => `action="/rooms/${room.id}/messages/${seq}?_method=DELETE"`
    const pin = `action="/rooms/${room.id}/pins"`
    const rights = (html: string, seq: number) => {
      const row = rowOf(html, seq)!
      return {
        mine: /class="message[^"]* mine/.test(row),
        text: row.includes('data-text='),
        edit: row.includes(edit(seq)),
        delete: row.includes(remove(seq)),
        pin: row.includes(pin),
        pressed: row.match(/aria-pressed="(\w+)"/)?.[1],
      }
    }
    for (let round = 0; round < 2; round++) {
      const asAna = await pageAs(client, room, ana)
      const asBob = await pageAs(client, room, bob)
      const asOwner = await pageAs(client, room, owner)
      const asCy = await pageAs(client, room, cy)
      assert.deepEqual(rights(asAna, anas), {
        mine: true,
        text: true,
        edit: true,
        delete: true,
        pin: false,
        pressed: 'true',
      })
      assert.deepEqual(rights(asBob, anas), {
        mine: false,
        text: false,
        edit: false,
        delete: false,
        pin: false,
        pressed: 'true',
      })
      assert.deepEqual(rights(asOwner, anas), {
        mine: false,
        text: false,
        edit: false,
        delete: true,
        pin: true,
        pressed: 'false',
      })
      assert.deepEqual(rights(asCy, anas), {
        mine: false,
        text: false,
        edit: false,
        delete: false,
        pin: false,
        pressed: 'false',
      })
      assert.deepEqual(rights(asAna, bobs), {
        mine: false,
        text: false,
        edit: false,
        delete: false,
        pin: false,
        pressed: undefined,
      })
      assert.deepEqual(rights(asBob, bobs), {
        mine: true,
        text: true,
        edit: true,
        delete: true,
        pin: false,
        pressed: undefined,
      })
      const tokens = [asAna, asBob, asOwner, asCy].map(tokensOf)
      assert.lengthOf(new Set(tokens.map((token) => token.page)), 4)
      for (const { page, rows } of tokens) {
        assert.isAbove(rows.length, 0)
        assert.deepEqual([...new Set(rows)], [page])
      }
    }
  })

  test('two reactors of one message each see the other named, and themselves as “you”', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(owner)
    const seq = await post(room, owner, 'react to me')
    for (const reactor of [ana, bob]) {
      await react(room, reactor, seq)
    }
    const label = (html: string) => rowOf(html, seq)!.match(/aria-label="(👍[^"]*)"/)![1]

    for (let round = 0; round < 2; round++) {
      assert.equal(label(await pageAs(client, room, ana)), `👍 2: ${bob.username} and you`)
      assert.equal(label(await pageAs(client, room, bob)), `👍 2: ${ana.username} and you`)
      assert.equal(
        label(await pageAs(client, room, owner)),
        `👍 2: ${ana.username} and ${bob.username}`
      )
    }
  })

  test('an edit, reaction, pin, reply, rename and delete show on the next view', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const room = await createRoom(owner)
    const chat = await app.container.make(ChatNode)
    const seq = await post(room, ana, 'first words')
    const row = async () => rowOf(await pageAs(client, room, owner), seq)!
    const base = { room: room.id, clientId: null, target: seq }

    assert.include(await row(), 'first words')
    await chat.edit({ ...base, user: chatUser(ana), text: 'second words' })
    const edited = await row()
    assert.include(edited, 'second words')
    assert.include(edited, 'data-edited="true"')

    await chat.react({ ...base, user: chatUser(ana), emoji: '🎉', on: true })
    assert.include(await row(), 'value="🎉"')

    await chat.pin({ ...base, user: chatUser(owner), pinned: true })
    const pinned = await row()
    assert.include(pinned, 'class="pinned-mark"')
    assert.include(pinned, 'data-action="unpin"')

    const reply = await chat.reply({
      room: room.id,
      user: chatUser(owner),
      clientId: null,
      text: 'an answer',
      replyTo: seq,
    })
    assert.include(await row(), `data-thread="${seq}" data-count="1"`)
    await chat.edit({ ...base, user: chatUser(ana), text: 'third words' })
    const replySeq = (reply as { entry: { seq: number } }).entry.seq
    const quote = rowOf(await pageAs(client, room, owner), replySeq)!
    assert.include(quote, 'third words')

    owner.displayName = 'Owner Renamed'
    await owner.save()
    assert.include(quote, `>${owner.username}</a>`)
    assert.include(rowOf(await pageAs(client, room, owner), replySeq)!, '>Owner Renamed</a>')

    await chat.remove({ ...base, user: chatUser(ana) })
    const deleted = await row()
    assert.match(deleted, /class="message[^"]* deleted"/)
    assert.notInclude(deleted, 'third words')
  })

  test('the reader’s language and time zone are part of a row', async ({ client, assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const seq = await post(room, ana, 'hello')
    const timeOf = (html: string) => rowOf(html, seq)!.match(/<time [^>]*>([^<]+)<\/time>/)![1]

    const english = rowOf(await pageAs(client, room, ana, { language: 'en' }), seq)!
    const vietnamese = rowOf(await pageAs(client, room, ana, { language: 'vi' }), seq)!
    assert.include(english, '>Reply</a>')
    assert.include(vietnamese, '>Trả lời</a>')

    const utc = timeOf(await pageAs(client, room, ana, { timeZone: 'UTC' }))
    const tokyo = timeOf(await pageAs(client, room, ana, { timeZone: 'Asia/Tokyo' }))
    const hour = (zone: string) =>
      new Intl.DateTimeFormat('en', { timeZone: zone, hour: 'numeric', minute: '2-digit' })
    const sentAt = Date.parse(
      rowOf(await pageAs(client, room, ana), seq)!.match(/datetime="([^"]+)"/)![1]
    )
    assert.equal(utc, hour('UTC').format(sentAt))
    assert.equal(tokyo, hour('Asia/Tokyo').format(sentAt))
    assert.notEqual(utc, tokyo)
  })

  test('readers in the same position share rows; the cache keeps to its size', async ({
    client,
    assert,
  }) => {
    const small = new MessageRowCache(6_000)
    app.container.swap(MessageRowCache, () => small)
    const author = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(author)
    for (let index = 0; index < 3; index++) await post(room, author, `message ${index}`)

    await pageAs(client, room, ana)
    const afterAna = small.stats
    await pageAs(client, room, bob)
    assert.deepEqual(small.stats, afterAna)
    assert.equal(afterAna.rows, 3)

    for (let index = 3; index < 30; index++) await post(room, author, `message ${index}`)
    const html = await pageAs(client, room, ana)
    assert.isNotNull(rowOf(html, 30))
    assert.isAtMost(small.stats.size, 6_000)
    assert.isBelow(small.stats.rows, 30)
  }).teardown(() => app.container.restore(MessageRowCache))
})

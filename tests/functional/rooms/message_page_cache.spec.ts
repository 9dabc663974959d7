import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import type Room from '#models/room'
import type User from '#models/user'
import { ChatNode } from '#chat/src/chat_node'
import { appendRoomEntry } from '#chat/index'
import AccountDeletionService from '#services/account/account_deletion_service'
import MessagePageCache from '#services/chat/message_page_cache'
import MessageHistoryService from '#services/chat/message_history_service'
import ThreadViewService from '#services/chat/thread_view_service'
import MessageReactionsService from '#services/chat/message_reactions_service'
import MessageBodyBackfillService from '#services/chat/message_body_backfill_service'
import DeliveryDoctorService from '#services/operations/delivery_doctor_service'
import { truncateTables } from '#tests/helpers/database'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { joinRooms } from '#tests/helpers/memberships'
import { chatUser, pageAs, post, react, rowOf } from '#tests/helpers/room_page'
import { statementsDuring } from '#tests/helpers/statements'

/**
 * How each statement of a room page's history data begins (MessageHistoryService.page with its
 * authors, ThreadViewService, MessageReactionsService.forPage), and of a held page's people
 * query (PagePeople.areCurrent): texts no background work of the app sends
 */
const PAGE_STATEMENTS = {
  messages:
    'select "id", "room_id", "user_id", "seq", "kind", "body", "body_html", "created_at", "edited_at", "deleted_at", "attachment_id", "client_id", "target_seq", "pinned_at", "pinned_by", "reply_to" from "messages"',
  authors: 'select * from "users" where "id" in',
  quotes: 'select "messages"."id", "messages"."room_id", "messages"."seq"',
  threads: 'select "reply_to", count(*) as "count", max("created_at") as "last_at" from "messages"',
  reactions: 'select "message_reactions"."message_id", "message_reactions"."emoji"',
  people: 'select "id", "username", "display_name", "avatar_key" from "users" where id = ANY(',
}

/**
 * How many of `statements` are each of PAGE_STATEMENTS
 */
function pageStatements(statements: string[]) {
  return Object.fromEntries(
    Object.entries(PAGE_STATEMENTS).map(([name, start]) => [
      name,
      statements.filter((sql) => sql.startsWith(start)).length,
    ])
  )
}

/**
 * The room page as `user` sees it once its history data is held: viewed twice
 */
async function heldPageAs(client: ApiClient, room: Room, user: User) {
  await pageAs(client, room, user)
  return pageAs(client, room, user)
}

/**
 * Sets the read marker of `user` in `room` to `seq`
 */
async function markRead(user: User, room: Room, seq: number) {
  await db
    .table('room_reads')
    .insert({ user_id: user.id, room_id: room.id, last_read_seq: seq, updated_at: new Date() })
}

test.group('Room page: history data held per room version', (group) => {
  group.each.setup(() => truncateTables())

  test('a held page sends none of the history statements, only one query of its people', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const room = await createRoom(owner)
    const chat = await app.container.make(ChatNode)
    const seq = await post(room, ana, 'a question')
    await chat.reply({
      room: room.id,
      user: chatUser(owner),
      clientId: null,
      text: 'an answer',
      replyTo: seq,
    })
    await react(room, owner, seq)

    const read = { messages: 1, authors: 1, quotes: 1, threads: 1, reactions: 1, people: 0 }
    const first = await statementsDuring(() => pageAs(client, room, owner))
    assert.deepEqual(pageStatements(first), read)
    const held = await statementsDuring(() => pageAs(client, room, owner))
    assert.deepEqual(pageStatements(held), {
      messages: 0,
      authors: 0,
      quotes: 0,
      threads: 0,
      reactions: 0,
      people: 1,
    })

    await post(room, ana, 'news')
    const moved = await statementsDuring(() => pageAs(client, room, owner))
    assert.deepEqual(pageStatements(moved), read)
  })

  test('reactions added and withdrawn, pins, unpins, replies and edits show on the next view', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const room = await createRoom(owner)
    const chat = await app.container.make(ChatNode)
    const seq = await post(room, ana, 'first words')
    const base = { room: room.id, clientId: null, target: seq }
    const row = async () => rowOf(await heldPageAs(client, room, owner), seq)!
    const reply = (text: string) =>
      chat.reply({ room: room.id, user: chatUser(owner), clientId: null, text, replyTo: seq })

    assert.notInclude(await row(), 'value="🎉"')
    await chat.react({ ...base, user: chatUser(ana), emoji: '🎉', on: true })
    assert.include(await row(), 'value="🎉"')
    await chat.react({ ...base, user: chatUser(ana), emoji: '🎉', on: false })
    assert.notInclude(await row(), 'value="🎉"')

    await chat.pin({ ...base, user: chatUser(owner), pinned: true })
    assert.include(await row(), 'data-action="unpin"')
    await chat.pin({ ...base, user: chatUser(owner), pinned: false })
    const unpinned = await row()
    assert.notInclude(unpinned, 'class="pinned-mark"')
    assert.include(unpinned, 'data-action="pin"')

    await reply('one')
    assert.include(await row(), `data-thread="${seq}" data-count="1"`)
    await reply('two')
    assert.include(await row(), `data-thread="${seq}" data-count="2"`)

    await chat.edit({ ...base, user: chatUser(ana), text: 'second words' })
    assert.include(await row(), 'second words')
  })

  test('profile changes show: the author’s avatar and name, a reactor’s, a quoted author’s off the page, a room entry’s author’s, a deleted account', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const cy = await createUser()
    const dee = await createUser()
    const eve = await createUser()
    const room = await createRoom(owner)
    const chat = await app.container.make(ChatNode)
    const root = await post(room, cy, 'the root')
    // Enough later entries (with the reply and the topic below) to leave the root off the page
    for (let index = 0; index < 47; index++) await post(room, owner, `filler ${index}`)
    const evesSeq = await post(room, eve, 'from eve')
    const seq = await post(room, ana, 'hello')
    await react(room, bob, seq)
    const reply = await chat.reply({
      room: room.id,
      user: chatUser(ana),
      clientId: null,
      text: 're',
      replyTo: root,
    })
    const replySeq = (reply as { entry: { seq: number } }).entry.seq
    await db.transaction((trx) =>
      appendRoomEntry(trx, { room: room.id, user: chatUser(dee), kind: 'topic', text: 'tea' })
    )
    const rename = async (user: User, name: string) => {
      user.displayName = name
      await user.save()
    }

    const before = await heldPageAs(client, room, owner)
    assert.isUndefined(rowOf(before, root))
    assert.notInclude(before, `/avatars/${ana.id}/`)
    ana.avatarKey = 'first-picture'
    await ana.save()
    assert.include(
      rowOf(await heldPageAs(client, room, owner), seq)!,
      `src="/avatars/${ana.id}/first-picture/64"`
    )

    await rename(ana, 'Ana Author')
    assert.include(rowOf(await heldPageAs(client, room, owner), seq)!, '>Ana Author</a>')

    await rename(bob, 'Bob Reactor')
    assert.include(
      rowOf(await heldPageAs(client, room, owner), seq)!,
      'aria-label="👍 1: Bob Reactor"'
    )

    await rename(dee, 'Dee Topic')
    assert.match(
      await heldPageAs(client, room, owner),
      /class="room-event"[^>]*>\s*<span class="room-event-text">Dee Topic /
    )

    await rename(cy, 'Cy Quoted')
    const quote = rowOf(await heldPageAs(client, room, owner), replySeq)!
    assert.include(quote, '<span class="reply-quote-author">Cy Quoted</span>')

    // Eve has no display name nor avatar: only her username changes
    const deletions = await app.container.make(AccountDeletionService)
    await deletions.delete(eve)
    const tombstone = rowOf(await heldPageAs(client, room, owner), evesSeq)!
    assert.include(tombstone, `<span class="author">deleted user ${eve.id}</span>`)
  })

  test('rewrites outside the log show: rendered bodies (messages:render), a repaired last_seq', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const room = await createRoom(owner)
    const seq = await post(room, owner, 'some **bold** words')
    await db.from('messages').where({ room_id: room.id, seq }).update({ body_html: '' })
    assert.include(rowOf(await heldPageAs(client, room, owner), seq)!, 'some **bold** words')
    await app.container.make(MessageBodyBackfillService).then((backfill) => backfill.run())
    assert.include(rowOf(await heldPageAs(client, room, owner), seq)!, '<strong>bold</strong>')

    // A log whose last_seq ran ahead of its entries, repaired back, then written up to it again
    await db
      .from('rooms')
      .where('id', room.id)
      .update({ last_seq: seq + 1 })
    assert.isUndefined(rowOf(await heldPageAs(client, room, owner), seq + 1))
    const doctor = await app.container.make(DeliveryDoctorService)
    await doctor.repair({
      kind: 'last_seq',
      roomId: room.id,
      name: room.name,
      from: seq + 1,
      to: seq,
    })
    assert.equal(await post(room, owner, 'written again'), seq + 1)
    assert.include(rowOf(await heldPageAs(client, room, owner), seq + 1)!, 'written again')
  })

  test('readers with other read markers get their own page and unread divider', async ({
    client,
    assert,
  }) => {
    const author = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(author)
    for (let index = 1; index <= 55; index++) await post(room, author, `message ${index}`)
    await joinRooms(ana, [room])
    await joinRooms(bob, [room])
    await markRead(ana, room, 2)
    await markRead(bob, room, 55)

    for (let round = 0; round < 2; round++) {
      const asAna = await pageAs(client, room, ana)
      const asBob = await pageAs(client, room, bob)
      assert.isDefined(rowOf(asAna, 1))
      assert.match(asAna, /id="unread-divider"[\s\S]*?<\/li>\s*<li\s[^>]*data-seq="3"/)
      assert.isUndefined(rowOf(asBob, 1))
      assert.isDefined(rowOf(asBob, 6))
      assert.notInclude(asBob, 'id="unread-divider"')
    }
  })

  test('readers share a held page; the cache keeps to its size', async ({ client, assert }) => {
    const small = new MessagePageCache(
      new MessageHistoryService(),
      new ThreadViewService(),
      new MessageReactionsService(),
      3_000
    )
    app.container.swap(MessagePageCache, () => small)
    const author = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const rooms = [await createRoom(author), await createRoom(author), await createRoom(author)]
    for (const room of rooms) await post(room, author, `in room ${room.id}`)

    await pageAs(client, rooms[0], ana)
    const afterAna = small.stats
    await pageAs(client, rooms[0], bob)
    assert.deepEqual(small.stats, afterAna)
    assert.equal(afterAna.pages, 1)

    for (const room of rooms) {
      assert.include(rowOf(await pageAs(client, room, ana), 1)!, `in room ${room.id}`)
    }
    assert.isAtMost(small.stats.size, 3_000)
    assert.isBelow(small.stats.pages, 3)
  }).teardown(() => app.container.restore(MessagePageCache))
})

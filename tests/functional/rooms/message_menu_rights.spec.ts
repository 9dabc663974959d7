import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import Message from '#models/message'
import type Room from '#models/room'
import type User from '#models/user'
import { ChatNode } from '#chat/src/chat_node'
import RoomModeratorsService from '#services/moderation/room_moderators_service'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { RoomFactory } from '#database/factories/room_factory'

/**
 * Posts `text` as `author` through the chat's store; returns its seq
 */
async function post(room: Room, author: User, text: string) {
  const chat = await app.container.make(ChatNode)
  const stored = await chat.post({
    room: room.id,
    user: { id: author.id, username: author.username },
    clientId: null,
    text,
  })
  return stored!.seq
}

/**
 * The `<li>` of message `seq` on a rendered room page
 */
function itemOf(html: string, seq: number) {
  return html.match(new RegExp(`<li[^>]*data-seq="${seq}"[\\s\\S]*?</li>`))?.[0] ?? ''
}

test.group('Room page: the message menu follows the moderation rule', (group) => {
  group.each.setup(() => truncateTables())

  test('delete and pin for the owner, moderators and the admin; react for everyone; the server refuses the same people', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const moderator = await createUser()
    const admin = await createUser()
    admin.isAdmin = true
    await admin.save()
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(owner)
    await new RoomModeratorsService().appoint(room, moderator.username)
    for (const text of ['one', 'two', 'three', 'four']) await post(room, ana, text)

    const pageOf = async (user: User) => {
      const response = await client.get(`/rooms/${room.id}`).loginAs(user)
      return response.text()
    }
    const deleteForm = `action="/rooms/${room.id}/messages/1?_method=DELETE"`
    const pinForm = `action="/rooms/${room.id}/pins"`
    const reactLink = `href="/rooms/${room.id}/messages/1/reactions"`
    const rights = async (user: User) => {
      const html = await pageOf(user)
      const row = itemOf(html, 1)
      return [
        html.match(/data-moderates="(\w+)"/)?.[1],
        row.includes(deleteForm),
        row.includes(pinForm),
        row.includes(reactLink),
      ]
    }
    assert.deepEqual(await rights(ana), ['false', true, false, true])
    assert.deepEqual(await rights(bob), ['false', false, false, true])
    assert.deepEqual(await rights(owner), ['true', true, true, true])
    assert.deepEqual(await rights(moderator), ['true', true, true, true])
    assert.deepEqual(await rights(admin), ['true', true, true, true])

    const remove = (user: User, seq: number) =>
      client.delete(`/rooms/${room.id}/messages/${seq}`).withCsrfToken().loginAs(user).redirects(0)
    const refused = await remove(bob, 1)
    assert.equal(
      refused.flashMessage('error'),
      'Only its author can edit a message; its author or the room’s moderators (owner, moderators, admin) can delete it.'
    )
    for (const [user, seq] of [
      [owner, 1],
      [moderator, 2],
      [admin, 3],
    ] as const) {
      const response = await remove(user, seq)
      assert.equal(response.flashMessage('success'), 'Message deleted.')
    }
    const entries = await Message.query()
      .where('room_id', room.id)
      .where('kind', 'delete')
      .orderBy('seq')
    assert.deepEqual(
      entries.map((entry) => [entry.targetSeq, entry.userId]),
      [
        [1, owner.id],
        [2, moderator.id],
        [3, admin.id],
      ]
    )
  })

  test('the reaction page lists the emoji, the reader’s pressed; 404 for a missing or deleted message and for outsiders', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const outsider = await createUser()
    const room = await createRoom(ana)
    const hidden = await RoomFactory.merge({ ownerId: ana.id, visibility: 'private' }).create()
    await post(room, ana, 'hello')
    await post(room, ana, 'bye')
    await post(hidden, ana, 'secret')
    const message = await Message.findByOrFail({ roomId: room.id, seq: 1 })
    await db
      .table('message_reactions')
      .insert({ message_id: message.id, user_id: ana.id, emoji: '🎉' })
    const chat = await app.container.make(ChatNode)
    await chat.remove({
      room: room.id,
      user: { id: ana.id, username: ana.username },
      clientId: null,
      target: 2,
    })

    const page = await client.get(`/rooms/${room.id}/messages/1/reactions`).loginAs(ana)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, `action="/rooms/${room.id}/messages/1/reactions"`)
    assert.include(
      html,
      '<button class="emoji-choice" type="submit" name="emoji" value="🎉" aria-label="party popper" title="party popper" aria-pressed="true">'
    )
    assert.include(
      html,
      '<button class="emoji-choice" type="submit" name="emoji" value="👍" aria-label="thumbs up" title="thumbs up" aria-pressed="false">'
    )
    for (const [user, path] of [
      [ana, `/rooms/${room.id}/messages/2/reactions`],
      [ana, `/rooms/${room.id}/messages/9/reactions`],
      [ana, `/rooms/${room.id}/messages/99999999999/reactions`],
      [outsider, `/rooms/${hidden.id}/messages/1/reactions`],
    ] as const) {
      const response = await client.get(path).loginAs(user)
      assert.equal(response.status(), 404, path)
    }
  })
})

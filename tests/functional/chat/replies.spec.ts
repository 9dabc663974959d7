import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import DeliveryDoctorService from '#services/operations/delivery_doctor_service'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { serverFrames } from '#chat/src/server_frames'
import type { EntryFrame } from '#chat/src/message_store'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import { truncateTables } from '#tests/helpers/database'
import {
  chatGroup,
  connect,
  createRoom,
  createUser,
  join,
  say,
  twoJoined,
} from '#tests/helpers/chat_fixtures'

chatGroup('Chat: replies are messages pointing at their thread root', (chat) => {
  test('a reply reaches everyone with its root and quote; a reply to a reply joins the root’s thread', async ({
    assert,
  }) => {
    const { ana, bob, room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'a-1', 'Who brings **snacks** on Friday?')
    bobSocket.send({ type: 'send', room: room.id, client_id: 'b-1', text: 'me!', reply_to: 1 })
    const ack = await bobSocket.next({ type: 'ack', client_id: 'b-1' })
    assert.equal(ack.seq, 2)
    const live = await anaSocket.next({ type: 'message', client_id: 'b-1' })
    assert.deepEqual(
      [live.kind, live.reply_to, live.parent],
      [
        'message',
        1,
        {
          user: { id: ana.id, username: ana.username },
          text: 'Who brings **snacks** on Friday?',
          deleted: false,
        },
      ]
    )
    anaSocket.send({ type: 'send', room: room.id, client_id: 'a-2', text: 'thanks', reply_to: 2 })
    const nested = await bobSocket.next({ type: 'message', client_id: 'a-2' })
    assert.equal(nested.reply_to, 1)

    bobSocket.send({ type: 'history', room: room.id })
    const history = await bobSocket.next({ type: 'history' })
    const messages = history.messages as Array<Record<string, unknown>>
    assert.deepEqual(
      messages.map((message) => [message.seq, message.reply_to ?? null]),
      [
        [1, null],
        [2, 1],
        [3, 1],
      ]
    )
    assert.deepEqual(messages[0].thread, { count: 2, last_at: nested.created_at })
    assert.notProperty(messages[1], 'thread')

    bobSocket.send({ type: 'replies', room: room.id, target: 3 })
    const thread = await bobSocket.next({ type: 'replies' })
    assert.deepEqual([(thread.root as { seq: number }).seq, thread.has_more], [1, false])
    assert.deepEqual(
      (thread.messages as Array<{ seq: number; text: string }>).map((m) => [m.seq, m.text]),
      [
        [2, 'me!'],
        [3, 'thanks'],
      ]
    )
    assert.equal(bob.id, (live.user as { id: number }).id)
  })

  test('a reply needs a live message of the room as its parent', async ({ assert }) => {
    const { room, anaSocket } = await twoJoined(chat)
    const other = await createRoom()
    await say(anaSocket, room, 'a-1', 'first')
    await say(anaSocket, room, 'a-2', 'soon gone')
    anaSocket.send({ type: 'delete', room: room.id, client_id: 'd-2', target: 2 })
    await anaSocket.next({ type: 'ack', client_id: 'd-2' })
    anaSocket.send({ type: 'send', room: room.id, client_id: 'r-1', text: 'x', reply_to: 9 })
    anaSocket.send({ type: 'send', room: room.id, client_id: 'r-2', text: 'x', reply_to: 2 })
    anaSocket.send({ type: 'send', room: room.id, client_id: 'r-3', text: 'x', reply_to: 3 })
    anaSocket.send({ type: 'send', room: room.id, client_id: 'r-4', text: 'x', reply_to: 'one' })
    anaSocket.send({ type: 'send', room: room.id, client_id: 'r-5', text: 'x', reply_to: 0 })
    const errors = await anaSocket.take(5, { type: 'error' })
    assert.deepEqual(
      errors.map((frame) => [frame.ref, frame.code]),
      [
        ['r-1', 'reply_parent_not_found'],
        ['r-2', 'reply_parent_deleted'],
        ['r-3', 'reply_parent_not_found'],
        ['r-4', 'invalid_frame'],
        ['r-5', 'invalid_frame'],
      ]
    )
    anaSocket.send({ type: 'replies', room: room.id, target: 3 })
    anaSocket.send({ type: 'replies', room: other.id + 1000, target: 1 })
    const refused = await anaSocket.take(2, { type: 'error' })
    assert.deepEqual(
      refused.map((frame) => frame.code),
      ['message_not_found', 'room_not_found']
    )
    const [{ total }] = await db.from('messages').where('room_id', room.id).count('* as total')
    assert.equal(Number(total), 3)
  })

  test('a late client replays replies quoting their root as it is now', async ({ assert }) => {
    const { ana, room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(anaSocket, room, 'a-1', 'draft plan')
    bobSocket.send({ type: 'send', room: room.id, client_id: 'b-1', text: 'ok', reply_to: 1 })
    await bobSocket.next({ type: 'ack', client_id: 'b-1' })
    anaSocket.send({ type: 'edit', room: room.id, client_id: 'e-1', target: 1, text: 'final plan' })
    await anaSocket.next({ type: 'ack', client_id: 'e-1' })

    const late = await connect(chat, await createUser())
    await join(late, room, 0)
    const replayed = await late.take(3, { type: 'message' })
    assert.deepEqual(
      replayed.map((frame) => [frame.kind, frame.reply_to ?? null]),
      [
        ['message', null],
        ['message', 1],
        ['edit', null],
      ]
    )
    assert.deepEqual(replayed[1].parent, {
      user: { id: ana.id, username: ana.username },
      text: 'final plan',
      deleted: false,
    })
    anaSocket.send({ type: 'delete', room: room.id, client_id: 'd-1', target: 1 })
    await anaSocket.next({ type: 'ack', client_id: 'd-1' })
    const later = await connect(chat, await createUser())
    await join(later, room, 1)
    const [reply] = await later.take(1, { type: 'message' })
    assert.deepEqual(reply.parent, {
      user: { id: ana.id, username: ana.username },
      text: '',
      deleted: true,
    })
    const [diagnosis] = await new DeliveryDoctorService().diagnose(room.name)
    assert.deepEqual(diagnosis.problems, [])
  })

  test('an outsider of a private room neither replies there nor reads its threads', async ({
    assert,
  }) => {
    const owner = await createUser()
    const outsider = await createUser()
    const room = await createPrivateRoom(owner)
    const ownerSocket = await connect(chat, owner)
    await join(ownerSocket, room)
    await say(ownerSocket, room, 'o-1', 'secret')
    const socket = await connect(chat, outsider)
    socket.send({ type: 'replies', room: room.id, target: 1 })
    socket.send({ type: 'send', room: room.id, client_id: 'x-1', text: 'hi', reply_to: 1 })
    const errors = await socket.take(2, { type: 'error' })
    assert.deepEqual(
      errors.map((frame) => frame.code),
      ['room_not_found', 'not_joined']
    )
  })
})

test.group('Message store: reply frames', (group) => {
  group.each.setup(() => truncateTables())

  test('a replayed reply is byte for byte the frame the chat builds', async ({ assert }) => {
    const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
    const [ana, cam] = await Promise.all([createUser(), createUser()])
    cam.merge({ displayName: 'Cẩm "Cam" Lê', avatarKey: 'avatars/cam.webp' })
    await cam.save()
    const room = await createRoom(ana)
    const long = `${'😀'.repeat(60)}${'x'.repeat(60)}`
    await store.append({ room: room.id, user: cam, clientId: 'c1', text: long })
    const reply = await store.reply({
      room: room.id,
      user: { id: ana.id, username: ana.username },
      clientId: 'c2',
      text: 're',
      replyTo: 1,
    })
    assert.isTrue(reply.ok)
    const [entry] = await store.readAfter(room.id, 1, 10)
    const frames: EntryFrame[] = []
    await store.streamFramesAfter(room.id, 1, 10, (row) => frames.push(row))
    const [frame] = frames
    assert.equal(frame.frame, serverFrames.message(entry).toString())
    assert.deepEqual(JSON.parse(frame.frame).parent, {
      user: {
        id: cam.id,
        username: cam.username,
        display_name: 'Cẩm "Cam" Lê',
        avatar: 'avatars/cam.webp',
      },
      text: `${'😀'.repeat(60)}${'x'.repeat(40)}`,
      deleted: false,
    })
    if (reply.ok) assert.equal(serverFrames.message(reply.entry).toString(), frame.frame)
  })

  test('chat:verify reports a reply whose parent is a reply', async ({ assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const rows = [
      { seq: 1, reply_to: null },
      { seq: 2, reply_to: 1 },
      { seq: 3, reply_to: 2 },
    ]
    for (const row of rows) {
      await db.table('messages').insert({
        room_id: room.id,
        user_id: ana.id,
        body: `m${row.seq}`,
        created_at: new Date(),
        ...row,
      })
    }
    await db.from('rooms').where('id', room.id).update({ last_seq: 3 })
    const [diagnosis] = await new DeliveryDoctorService().diagnose(room.name)
    assert.deepEqual(diagnosis.problems, [
      '1 repl(y/ies) not pointing at an earlier thread root of this room',
    ])
  })
})

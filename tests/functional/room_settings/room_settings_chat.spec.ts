import { test } from '@japa/runner'
import Room from '#models/room'
import DeliveryDoctorService from '#services/operations/delivery_doctor_service'
import type { ApiClient } from '@japa/api-client'
import type User from '#models/user'
import { chatGroup, connect, createUser, join, say, twoJoined } from '#tests/helpers/chat_fixtures'

/**
 * Changes the room's settings over the API as `user`; expects a 200
 */
async function patchRoom(client: ApiClient, user: User, room: Room, body: object) {
  const response = await client
    .patch(`/api/v1/rooms/${room.id}`)
    .json(body)
    .withGuard('api')
    .loginAs(user)
  response.assertStatus(200)
  return response
}

chatGroup('Chat: room settings are system entries of the log', (chat) => {
  test('a rename, a topic and an archive reach everyone joined live, and replay to a client that was offline', async ({
    client,
    assert,
  }) => {
    const { ana, room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(bobSocket, room, 'b-1', 'hello')

    const changed = await client
      .patch(`/api/v1/rooms/${room.id}`)
      .json({ name: 'Book club', description: 'Monthly reads' })
      .withGuard('api')
      .loginAs(ana)
    changed.assertStatus(200)
    assert.deepEqual(
      [changed.body().data.name, changed.body().data.description, changed.body().data.archived],
      ['Book club', 'Monthly reads', false]
    )
    const renamed = await bobSocket.next({ type: 'message', kind: 'rename' })
    const topic = await bobSocket.next({ type: 'message', kind: 'topic' })
    assert.deepEqual(
      [renamed.seq, renamed.text, renamed.target, (renamed.user as { id: number }).id],
      [2, 'Book club', null, ana.id]
    )
    assert.deepEqual([topic.seq, topic.text], [3, 'Monthly reads'])
    await anaSocket.next({ type: 'message', kind: 'topic' })

    const archived = await client
      .patch(`/api/v1/rooms/${room.id}`)
      .json({ archived: true })
      .withGuard('api')
      .loginAs(ana)
    archived.assertStatus(200)
    assert.isTrue(archived.body().data.archived)
    const archiveEntry = await bobSocket.next({ type: 'message', kind: 'archive' })
    assert.deepEqual([archiveEntry.seq, archiveEntry.text], [4, ''])

    const carol = await createUser()
    const late = await connect(chat, carol)
    await join(late, room, 1)
    const replayed = await late.take(3, { type: 'message' })
    assert.deepEqual(
      replayed.map((frame) => [frame.seq, frame.kind, frame.text]),
      [
        [2, 'rename', 'Book club'],
        [3, 'topic', 'Monthly reads'],
        [4, 'archive', ''],
      ]
    )
    const [diagnosis] = await new DeliveryDoctorService().diagnose('Book club')
    assert.deepEqual(diagnosis.problems, [])
  })

  test('history pages and the REST log carry setting entries among the messages', async ({
    client,
    assert,
  }) => {
    const { ana, bob, room, bobSocket } = await twoJoined(chat)
    await say(bobSocket, room, 'b-1', 'hello')
    await patchRoom(client, ana, room, { name: 'Book club' })
    await bobSocket.next({ type: 'message', kind: 'rename' })
    await say(bobSocket, room, 'b-2', 'again')

    bobSocket.send({ type: 'history', room: room.id })
    const history = await bobSocket.next({ type: 'history' })
    const entries = history.messages as Array<Record<string, unknown>>
    assert.deepEqual(
      entries.map((entry) => [
        entry.seq,
        entry.kind,
        entry.text,
        (entry.user as { id: number }).id,
      ]),
      [
        [1, 'message', 'hello', bob.id],
        [2, 'rename', 'Book club', ana.id],
        [3, 'message', 'again', bob.id],
      ]
    )
    assert.deepEqual([entries[0].pinned, entries[0].reactions], [false, []])
    assert.notProperty(entries[1], 'pinned')
    assert.notProperty(entries[1], 'reactions')

    bobSocket.send({ type: 'history', room: room.id, before: 3, limit: 1 })
    const older = await bobSocket.next({ type: 'history' })
    assert.deepEqual(
      [
        (older.messages as Array<{ seq: number; kind: string }>).map((e) => [e.seq, e.kind]),
        older.has_more,
      ],
      [[[2, 'rename']], true]
    )

    const log = await client
      .get(`/api/v1/rooms/${room.id}/messages`)
      .qs({ since: 0 })
      .withGuard('api')
      .loginAs(bob)
    log.assertStatus(200)
    assert.deepEqual(
      log
        .body()
        .data.map((entry: { seq: number; kind: string; text: string }) => [
          entry.seq,
          entry.kind,
          entry.text,
        ]),
      [
        [1, 'message', 'hello'],
        [2, 'rename', 'Book club'],
        [3, 'message', 'again'],
      ]
    )
  })

  test('an archived room refuses sends, edits, pins and reactions on the socket; unarchived it takes them again', async ({
    client,
    assert,
  }) => {
    const { ana, room, anaSocket, bobSocket } = await twoJoined(chat)
    await say(bobSocket, room, 'b-1', 'before')
    await patchRoom(client, ana, room, { archived: true })
    await bobSocket.next({ type: 'message', kind: 'archive' })

    const frames = [
      { type: 'send', room: room.id, client_id: 'b-2', text: 'after' },
      { type: 'edit', room: room.id, client_id: 'b-3', target: 1, text: 'changed' },
      { type: 'react', room: room.id, client_id: 'b-4', target: 1, emoji: '👍' },
    ]
    for (const frame of frames) {
      bobSocket.send(frame)
      const refusal = await bobSocket.next({ type: 'error', ref: frame.client_id })
      assert.deepEqual(
        [refusal.code, refusal.message],
        ['room_archived', 'The room is archived: it is read-only']
      )
    }
    anaSocket.send({ type: 'pin', room: room.id, client_id: 'a-pin', target: 1 })
    const pinRefusal = await anaSocket.next({ type: 'error', ref: 'a-pin' })
    assert.equal(pinRefusal.code, 'room_archived')
    const archivedRoom = await Room.findOrFail(room.id)
    assert.equal(archivedRoom.lastSeq, 2)

    await patchRoom(client, ana, room, { archived: false })
    await bobSocket.next({ type: 'message', kind: 'unarchive' })
    const ack = await say(bobSocket, room, 'b-5', 'open again')
    assert.equal(ack.seq, 4)
  })

  test('making a room private cuts off the open sockets of non-members at once; members and the owner keep it', async ({
    client,
    assert,
  }) => {
    // Ana owns the room but left it while it was public: she keeps it
    const { ana, bob, room, anaSocket, bobSocket } = await twoJoined(chat)
    await room.related('members').attach([bob.id])
    const dan = await createUser()
    const danSocket = await connect(chat, dan)
    await join(danSocket, room)

    await patchRoom(client, ana, room, { visibility: 'private' })
    const revoked = await danSocket.next({ type: 'room_access_revoked' })
    assert.equal(revoked.room, room.id)
    const entry = await bobSocket.next({ type: 'message', kind: 'visibility' })
    assert.deepEqual([entry.seq, entry.text], [1, 'private'])
    await anaSocket.next({ type: 'message', kind: 'visibility' })

    danSocket.send({ type: 'send', room: room.id, client_id: 'd-1', text: 'still here?' })
    const sendRefusal = await danSocket.next({ type: 'error', ref: 'd-1' })
    assert.equal(sendRefusal.code, 'not_joined')
    danSocket.send({ type: 'join', room: room.id })
    const joinRefusal = await danSocket.next({ type: 'error', ref: room.id })
    assert.equal(joinRefusal.code, 'room_not_found')
    const ack = await say(bobSocket, room, 'b-1', 'members only now')
    assert.equal(ack.seq, 2)
    const members = await room.related('members').query().orderBy('id')
    assert.deepEqual(
      members.map((member) => member.id),
      [ana.id, bob.id]
    )
  })

  test('handing the room over is an owner entry; the new owner moderates, the old one stays a member', async ({
    client,
    assert,
  }) => {
    const { ana, bob, room, bobSocket } = await twoJoined(chat)
    await room.related('members').attach([ana.id, bob.id])
    const handed = await client
      .put(`/api/v1/rooms/${room.id}/owner`)
      .json({ username: bob.username })
      .withGuard('api')
      .loginAs(ana)
    handed.assertStatus(200)
    assert.equal(handed.body().data.owner.id, bob.id)
    const entry = await bobSocket.next({ type: 'message', kind: 'owner' })
    assert.deepEqual([entry.seq, entry.text], [1, bob.username])
    assert.isTrue(await Room.isModeratedBy(room.id, bob.id))
    assert.isFalse(await Room.isModeratedBy(room.id, ana.id))
    const [diagnosis] = await new DeliveryDoctorService().diagnose(room.name)
    assert.deepEqual(diagnosis.problems, [])
  })
})

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Attachment from '#models/attachment'
import Message from '#models/message'
import { chatGroup, connect, createRoom, createUser, join } from '#tests/helpers/chat_fixtures'
import {
  pngPicture,
  removeStoredAttachments,
  storedFileExists,
  uploadFile,
} from '#tests/helpers/attachments'

chatGroup('Attachments in the room log', (chat, group) => {
  group.each.teardown(() => removeStoredAttachments())

  test('an upload reaches joined sockets with its file, and replays with it', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    const bobSocket = await connect(chat, bob)
    await join(bobSocket, room)

    const posted = await uploadFile(client, ana, room, await pngPicture(64, 32), 'map.png', {
      text: 'the way',
      client_id: 'file-1',
    })
    const live = await bobSocket.next({ type: 'message', client_id: 'file-1' })
    const late = await connect(chat, bob)
    await join(late, room, 0)
    const replayed = await late.next({ type: 'message', client_id: 'file-1' })
    late.send({ type: 'history', room: room.id })
    const history = await late.next({ type: 'history' })
    const log = await client.get(`/api/v1/rooms/${room.id}/messages`).withGuard('api').loginAs(bob)

    const attachment = {
      id: posted.body().data.attachment.id,
      name: 'map.png',
      type: 'image/png',
      size: posted.body().data.attachment.size,
      width: 64,
      height: 32,
      thumbnail: true,
    }
    assert.deepInclude(live, { seq: 1, text: 'the way', attachment })
    assert.deepEqual(replayed, live)
    // History also lists the message's reactions (none here) and whether it is pinned
    const { reactions, pinned, ...historical } = (history.messages as Record<string, unknown>[])[0]
    assert.deepEqual(reactions, [])
    assert.isFalse(pinned)
    assert.deepEqual(historical, live)
    assert.deepEqual(log.body().data[0].attachment, attachment)
  })

  test('deleting a message over the socket deletes its files; the placeholder has none', async ({
    client,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const socket = await connect(chat, ana)
    await join(socket, room)
    const posted = await uploadFile(client, ana, room, await pngPicture(20, 20), 'a.png')
    const row = await Attachment.findOrFail(posted.body().data.attachment.id)

    socket.send({ type: 'delete', room: room.id, client_id: 'del-1', target: 1 })
    await socket.next({ type: 'ack', client_id: 'del-1' })
    socket.send({ type: 'history', room: room.id })
    const history = await socket.next({ type: 'history' })
    const download = await client.get(`/attachments/${row.id}`).loginAs(ana)

    assert.isNull(await Attachment.find(row.id))
    assert.isFalse(await storedFileExists(row.diskKey))
    assert.isFalse(await storedFileExists(row.thumbnailKey!))
    assert.deepInclude((history.messages as Record<string, unknown>[])[0], {
      seq: 1,
      deleted: true,
      attachment: null,
    })
    download.assertStatus(404)
  })
})

test.group('Attachments: deleting', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => removeStoredAttachments())

  test('deleting a message over HTTP deletes its row and files', async ({ client, assert }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    const posted = await uploadFile(client, ana, room, Buffer.from('notes'), 'n.txt')
    const row = await Attachment.findOrFail(posted.body().data.attachment.id)

    const deleted = await client
      .delete(`/rooms/${room.id}/messages/1`)
      .withCsrfToken()
      .loginAs(ana)
      .redirects(0)

    deleted.assertStatus(302)
    assert.isNull(await Attachment.find(row.id))
    const message = await Message.findByOrFail('seq', 1)
    assert.isNull(message.attachmentId)
    assert.isFalse(await storedFileExists(row.diskKey))
  })

  test('deleting a room deletes its files, and only its own', async ({ client, assert }) => {
    const ana = await createUser()
    const doomed = await createRoom(ana)
    const kept = await createRoom(ana)
    const first = await uploadFile(client, ana, doomed, await pngPicture(9, 9), 'a.png')
    const second = await uploadFile(client, ana, kept, Buffer.from('b'), 'b.txt')
    const doomedRow = await Attachment.findOrFail(first.body().data.attachment.id)
    const keptRow = await Attachment.findOrFail(second.body().data.attachment.id)

    const deleted = await client.delete(`/api/v1/rooms/${doomed.id}`).withGuard('api').loginAs(ana)

    deleted.assertStatus(204)
    assert.isNull(await Attachment.find(doomedRow.id))
    assert.isFalse(await storedFileExists(doomedRow.diskKey))
    assert.isFalse(await storedFileExists(doomedRow.thumbnailKey!))
    assert.isTrue(await storedFileExists(keptRow.diskKey))
  })
})

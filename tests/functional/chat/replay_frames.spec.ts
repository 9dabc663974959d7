import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import db from '@adonisjs/lucid/services/db'
import { LucidMessageStore } from '#chat/adapters/lucid_message_store'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { serverFrames } from '#chat/src/server_frames'
import type { EntryFrame } from '#chat/src/message_store'
import { createRoom } from '#tests/helpers/chat_fixtures'
import { UserFactory } from '#database/factories/user_factory'
import Attachment from '#models/attachment'
import { attachmentDetails } from '#services/attachments/attachment_details'

test.group('Message store: replay frames', (group) => {
  group.each.setup(() => truncateTables())

  test('the frames PostgreSQL serialises for a replay are byte for byte those the chat builds', async ({
    assert,
  }) => {
    const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
    const [ana, bob, cam] = await UserFactory.createMany(3)
    cam.merge({ displayName: 'Cẩm "Cam" Lê', avatarKey: 'avatars/cam.webp' })
    await cam.save()
    const room = await createRoom(ana)
    const user = { id: ana.id, username: ana.username }
    const camUser = { id: cam.id, username: cam.username }
    const texts = [
      'plain **bold** <script>alert(1)</script>',
      `Phòng Việt Nam "quoted" \\ back\tslash\nnew line 😀 for @${bob.username}`,
      'edited later',
      'deleted later',
    ]
    for (const [index, text] of texts.entries()) {
      await store.append({ room: room.id, user, clientId: index % 2 ? null : `c${index}`, text })
    }
    await store.edit({ room: room.id, user, clientId: 'e1', target: 3, text: 'edited *now*' })
    await store.remove({ room: room.id, user, clientId: 'd1', target: 4, asModerator: false })
    await store.append({ room: room.id, user: camUser, clientId: 'c7', text: 'from cam' })
    const file = await Attachment.create({
      roomId: room.id,
      userId: ana.id,
      diskKey: `attachments/${room.id}/replayed`,
      thumbnailKey: `attachments/${room.id}/replayed.thumb.webp`,
      name: 'Bản đồ "map".png',
      mimeType: 'image/png',
      size: 1234,
      width: 64,
      height: 32,
    })
    await store.append({
      room: room.id,
      user,
      clientId: 'c8',
      text: '',
      attachment: attachmentDetails(file),
    })

    const entries = await store.readAfter(room.id, 1, 100)
    const frames = await framesAfter(store, room.id, 1, 100)

    assert.deepEqual(
      frames.map((frame) => frame.seq),
      [2, 3, 4, 5, 6, 7, 8]
    )
    assert.deepEqual(
      frames.map((frame) => frame.frame),
      entries.map((entry) => serverFrames.message(entry).toString())
    )
    assert.deepEqual(
      entries.map((entry) => [entry.kind, entry.deleted, entry.editedAt !== null]),
      [
        ['message', false, false],
        ['message', false, true],
        ['message', true, false],
        ['edit', false, true],
        ['delete', true, false],
        ['message', false, false],
        ['message', false, false],
      ]
    )
    assert.deepEqual(JSON.parse(frames[6].frame).attachment, {
      id: file.id,
      name: 'Bản đồ "map".png',
      type: 'image/png',
      size: 1234,
      width: 64,
      height: 32,
      thumbnail: true,
    })
    assert.deepEqual(JSON.parse(frames[5].frame).user, {
      id: cam.id,
      username: cam.username,
      display_name: 'Cẩm "Cam" Lê',
      avatar: 'avatars/cam.webp',
    })
    assert.deepEqual(await framesAfter(store, room.id, 3, 2), frames.slice(2, 4))
  })

  test('replayed times have the milliseconds of toISOString, whatever the stored fraction', async ({
    assert,
  }) => {
    const store = new LucidMessageStore(db, new MarkdownMessageRenderer())
    const ana = await UserFactory.create()
    const room = await createRoom(ana)
    const user = { id: ana.id, username: ana.username }
    const stored = ['05', '05.1', '05.123456', '05.999999', '05.000999']
    for (const [index, seconds] of stored.entries()) {
      await store.append({ room: room.id, user, clientId: `t${index}`, text: `at ${seconds}` })
      await db
        .from('messages')
        .where({ room_id: room.id, seq: index + 1 })
        .update({
          created_at: `2026-01-02T03:04:${seconds}Z`,
          edited_at: `2026-01-02T03:04:${seconds}Z`,
        })
    }

    const frames = await framesAfter(store, room.id, 0, 100)
    const entries = await store.readAfter(room.id, 0, 100)

    assert.deepEqual(
      frames.map((frame) => JSON.parse(frame.frame).created_at),
      ['05.000', '05.100', '05.123', '05.999', '05.000'].map((ms) => `2026-01-02T03:04:${ms}Z`)
    )
    assert.deepEqual(
      frames.map((frame) => JSON.parse(frame.frame).edited_at),
      frames.map((frame) => JSON.parse(frame.frame).created_at)
    )
    assert.deepEqual(
      frames.map((frame) => frame.frame),
      entries.map((entry) => serverFrames.message(entry).toString())
    )
  })
})

/**
 * The frames the store streams, collected
 */
async function framesAfter(
  store: LucidMessageStore,
  room: number,
  afterSeq: number,
  limit: number
) {
  const frames: EntryFrame[] = []
  await store.streamFramesAfter(room, afterSeq, limit, (entry) => frames.push(entry))
  return frames
}

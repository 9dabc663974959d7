import { test } from '@japa/runner'
import sharp from 'sharp'
import { truncateTables } from '#tests/helpers/database'
import Attachment from '#models/attachment'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import {
  pngPicture,
  removeStoredAttachments,
  storedFileExists,
  uploadFile,
  withUploadLimits,
} from '#tests/helpers/attachments'

test.group('Attachments: uploading', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => removeStoredAttachments())

  test('a picture is stored with its sniffed type, size and a thumbnail, and posted with its caption', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const picture = await pngPicture(800, 600)

    const posted = await uploadFile(client, user, room, picture, 'holiday.png', {
      text: '  our *beach*  ',
      client_id: 'upload-1',
    })

    posted.assertStatus(201)
    const attachment = await Attachment.findByOrFail('room_id', room.id)
    const entry = posted.body().data
    assert.deepInclude(entry, {
      roomId: room.id,
      seq: 1,
      kind: 'message',
      text: 'our *beach*',
      html: '<p>our <em>beach</em></p>',
      clientId: 'upload-1',
      attachment: {
        id: attachment.id,
        name: 'holiday.png',
        type: 'image/png',
        size: picture.length,
        width: 800,
        height: 600,
        thumbnail: true,
      },
    })
    const message = await Message.findByOrFail('seq', 1)
    assert.equal(message.attachmentId, attachment.id)
    assert.match(attachment.diskKey, new RegExp(`^attachments/${room.id}/[0-9a-f-]{36}$`))
    assert.equal(attachment.thumbnailKey, `${attachment.diskKey}.thumb.webp`)
    assert.isTrue(await storedFileExists(attachment.diskKey))
    assert.isTrue(await storedFileExists(attachment.thumbnailKey!))
  })

  test('the type comes from the content: markup named .png is a plain file, a PNG named .txt a picture', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const markup = Buffer.from('<html><script>alert(1)</script></html>')

    const disguised = await uploadFile(client, user, room, markup, 'photo.png')
    const renamed = await uploadFile(client, user, room, await pngPicture(10, 20), 'notes.txt')

    disguised.assertStatus(201)
    renamed.assertStatus(201)
    assert.deepInclude(disguised.body().data.attachment, {
      name: 'photo.png',
      type: 'application/octet-stream',
      width: null,
      height: null,
      thumbnail: false,
    })
    assert.deepInclude(renamed.body().data.attachment, {
      name: 'notes.txt',
      type: 'image/png',
      width: 10,
      height: 20,
      thumbnail: true,
    })
  })

  test('a picture sharp cannot decode is kept as a plain file without a thumbnail', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const picture = await pngPicture(300, 300)
    const truncated = picture.subarray(0, 60)

    const posted = await uploadFile(client, user, room, truncated, 'broken.png')

    posted.assertStatus(201)
    assert.deepInclude(posted.body().data.attachment, {
      type: 'application/octet-stream',
      thumbnail: false,
    })
  })

  test('a file name is cut to its last part without control characters', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()

    const posted = await uploadFile(
      client,
      user,
      room,
      Buffer.from('notes'),
      '..\\..\\etc/re\u202Eport\u0007.txt'
    )

    posted.assertStatus(201)
    assert.equal(posted.body().data.attachment.name, 'report.txt')
  })

  test('quotes and line breaks a browser escaped in the file name are read back', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()

    // What Chromium sends for the file `say "hi"⏎there.txt` (HTML's multipart/form-data encoding)
    const posted = await uploadFile(
      client,
      user,
      room,
      Buffer.from('notes'),
      'say %22hi%22%0Athere.txt'
    )

    posted.assertStatus(201)
    assert.equal(posted.body().data.attachment.name, 'say "hi"there.txt')
    const attachment = await Attachment.findByOrFail('room_id', room.id)
    assert.equal(attachment.name, 'say "hi"there.txt')
  })

  test('a file over the size limit is refused with 413 and nothing is stored', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(withUploadLimits({ maxFileSize: 1024 }))
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()

    const refused = await uploadFile(client, user, room, Buffer.alloc(1025, 1), 'big.bin')
    const fits = await uploadFile(client, user, room, Buffer.alloc(1024, 1), 'fits.bin')

    refused.assertStatus(413)
    refused.assertBody({
      errors: [
        {
          code: 'E_UPLOAD_TOO_LARGE',
          message: 'The file is larger than the size limit (1 kB)',
          field: 'file',
        },
      ],
    })
    fits.assertStatus(201)
    const attachments = await Attachment.all()
    const messages = await Message.all()
    assert.deepEqual(
      attachments.map((row) => row.name),
      ['fits.bin']
    )
    assert.lengthOf(messages, 1)
  })

  test('an empty file is refused with 422', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()

    const refused = await uploadFile(client, user, room, Buffer.alloc(0), 'empty.txt')

    refused.assertStatus(422)
    refused.assertBody({
      errors: [{ code: 'E_UPLOAD_EMPTY', message: 'The file is empty', field: 'file' }],
    })
    assert.isNull(await Attachment.first())
  })

  test('the quota counts every file of the user; deleting a message frees its share', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(withUploadLimits({ quotaPerUser: 1024 }))
    const user = await UserFactory.create()
    const other = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const file = Buffer.alloc(600, 7)

    const first = await uploadFile(client, user, room, file, 'a.bin')
    const over = await uploadFile(client, user, room, file, 'b.bin')
    const someoneElse = await uploadFile(client, other, room, file, 'c.bin')
    const deleted = await client
      .delete(`/rooms/${room.id}/messages/${first.body().data.seq}`)
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    const again = await uploadFile(client, user, room, file, 'b.bin')

    first.assertStatus(201)
    over.assertStatus(422)
    over.assertBody({
      errors: [
        {
          code: 'E_UPLOAD_QUOTA_EXCEEDED',
          message: 'The file does not fit in your storage quota (1 kB)',
          field: 'file',
        },
      ],
    })
    someoneElse.assertStatus(201)
    deleted.assertStatus(302)
    again.assertStatus(201)
    const names = await Attachment.query().orderBy('id').select('name')
    assert.deepEqual(
      names.map((row) => row.name),
      ['c.bin', 'b.bin']
    )
  })

  test('a resent client_id answers the first message and keeps one file', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const picture = await pngPicture(40, 40)

    const first = await uploadFile(client, user, room, picture, 'a.png', { client_id: 'same' })
    const resent = await uploadFile(client, user, room, picture, 'a.png', { client_id: 'same' })

    first.assertStatus(201)
    resent.assertStatus(201)
    assert.equal(resent.body().data.seq, first.body().data.seq)
    assert.deepEqual(resent.body().data.attachment, first.body().data.attachment)
    const rows = await Attachment.all()
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].id, first.body().data.attachment.id)
  })

  test('a caption over 4000 characters is refused with 422 and stores nothing', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()

    const refused = await uploadFile(client, user, room, Buffer.from('x'), 'x.txt', {
      text: 'a'.repeat(4001),
    })

    refused.assertStatus(422)
    assert.equal(refused.body().errors[0].field, 'text')
    assert.isNull(await Attachment.first())
  })

  test('the thumbnail fits 400 pixels and keeps the ratio', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const posted = await uploadFile(client, user, room, await pngPicture(1000, 500), 'wide.png')
    const id = posted.body().data.attachment.id

    const thumbnail = await client.get(`/attachments/${id}/thumbnail`).loginAs(user)

    thumbnail.assertStatus(200)
    thumbnail.assertHeader('content-type', 'image/webp')
    const { width, height, format } = await sharp(Buffer.from(thumbnail.body())).metadata()
    assert.deepEqual({ width, height, format }, { width: 400, height: 200, format: 'webp' })
  })
})

test.group('Attachments: the no-JavaScript form', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => removeStoredAttachments())

  /**
   * The composer form as a browser without JavaScript sends it: multipart,
   * answered with a redirect
   */
  function postForm(
    client: Parameters<typeof uploadFile>[0],
    user: Parameters<typeof uploadFile>[1],
    roomId: number,
    file: { bytes: Buffer; name: string },
    text: string
  ) {
    return client
      .post(`/rooms/${roomId}/messages`)
      .withCsrfToken()
      .loginAs(user)
      .header('referer', `/rooms/${roomId}`)
      .field('text', text)
      .file('file', file.bytes, { filename: file.name })
      .redirects(0)
  }

  test('a file with a caption is posted and the room shows it', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()

    const posted = await postForm(
      client,
      user,
      room.id,
      { bytes: Buffer.from('minutes'), name: 'minutes.txt' },
      'from the meeting'
    )

    posted.assertStatus(302)
    assert.equal(posted.header('location'), `/rooms/${room.id}#message-1`)
    const message = await Message.query()
      .where('room_id', room.id)
      .preload('attachment')
      .firstOrFail()
    assert.equal(message.body, 'from the meeting')
    assert.equal(message.attachment.name, 'minutes.txt')
  })

  test('a text without a file still posts through the multipart form', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()

    const posted = await client
      .post(`/rooms/${room.id}/messages`)
      .withCsrfToken()
      .loginAs(user)
      .field('text', 'just words')
      .file('file', Buffer.alloc(0), { filename: '' })
      .redirects(0)

    posted.assertStatus(302)
    const message = await Message.query().where('room_id', room.id).firstOrFail()
    assert.deepEqual([message.body, message.attachmentId], ['just words', null])
  })

  test('a refusal comes back under the file input, in the reader’s language', async ({
    client,
    assert,
    cleanup,
  }) => {
    cleanup(withUploadLimits({ maxFileSize: 10 * 1024 * 1024 }))
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const big = { bytes: Buffer.alloc(10 * 1024 * 1024 + 1), name: 'big.bin' }

    const english = await postForm(client, user, room.id, big, 'too big')
    const vietnamese = await postForm(client, user, room.id, big, 'too big').header(
      'accept-language',
      'vi'
    )

    assert.equal(english.header('location'), `/rooms/${room.id}`)
    assert.deepEqual(english.flashMessages().inputErrorsBag, {
      file: ['The file is larger than 10 MB.'],
    })
    assert.deepEqual(vietnamese.flashMessages().inputErrorsBag, {
      file: ['Tệp lớn hơn 10 MB.'],
    })
    assert.isNull(await Attachment.first())

    const shown = await client
      .get(`/rooms/${room.id}`)
      .loginAs(user)
      .withFlashMessages(english.flashMessages())
    assert.include(
      shown.text(),
      '<p class="field-error" id="message-file-error">\n      <span>The file is larger than 10 MB.</span>'
    )
  })

  test('without a CSRF token nothing is stored', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()

    const forged = await client
      .post(`/rooms/${room.id}/messages`)
      .loginAs(user)
      .field('text', 'forged')
      .file('file', Buffer.from('x'), { filename: 'x.txt' })
      .redirects(0)

    forged.assertStatus(302)
    assert.isNull(await Attachment.first())
    assert.isNull(await Message.first())
  })
})

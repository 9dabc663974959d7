import { test } from '@japa/runner'
import { crc32, deflateSync } from 'node:zlib'
import sharp from 'sharp'
import drive from '@adonisjs/drive/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'

/**
 * A real PNG picture of `width` × `height` pixels
 */
function png(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: '#c03030' } })
    .png()
    .toBuffer()
}

/**
 * A PNG chunk: length, type, data and CRC
 */
function pngChunk(type: string, data: Buffer) {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length, 0)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), data])), 0)
  return Buffer.concat([length, Buffer.from(type), data, crc])
}

/**
 * A small PNG file whose header says `width` × `height` pixels (what a
 * huge scan or a decompression bomb looks like before it is decoded)
 */
function hugePng(width: number, height: number) {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  return Buffer.concat([
    signature,
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(Buffer.alloc(0))),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

test.group('People: avatars', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('an upload is cropped to squares in every size, served with a long cache; a new one replaces it', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const viewer = await UserFactory.create()
    const uploaded = await client
      .put('/account/avatar')
      .withCsrfToken()
      .loginAs(ana)
      .file('avatar', await png(300, 200), { filename: 'me.png' })
      .redirects(0)
    uploaded.assertStatus(302)
    uploaded.assertHeader('location', '/account')
    await ana.refresh()
    const key = ana.avatarKey!
    assert.match(key, /^[A-Za-z0-9_-]{12}$/)

    for (const size of [32, 64, 128]) {
      const served = await client.get(`/avatars/${ana.id}/${key}/${size}`).loginAs(viewer)
      served.assertStatus(200)
      served.assertHeader('content-type', 'image/webp')
      served.assertHeader('cache-control', 'private, max-age=31536000, immutable')
      const meta = await sharp(served.body() as Buffer).metadata()
      assert.deepEqual([meta.format, meta.width, meta.height], ['webp', size, size])
    }
    const page = await client.get('/people/ana').loginAs(viewer)
    assert.include(page.text(), `src="/avatars/${ana.id}/${key}/128"`)

    await client
      .put('/account/avatar')
      .withCsrfToken()
      .loginAs(ana)
      .file('avatar', await png(64, 64), { filename: 'new.png' })
    await ana.refresh()
    assert.notEqual(ana.avatarKey, key)
    const old = await client.get(`/avatars/${ana.id}/${key}/64`).loginAs(viewer)
    old.assertStatus(404)
    assert.isFalse(await drive.use().exists(`avatars/${ana.id}/${key}-64.webp`))

    await client.delete('/account/avatar').withCsrfToken().loginAs(ana)
    await ana.refresh()
    assert.isNull(ana.avatarKey)
  })

  test('a file that is not a picture, a missing file and an oversized one are refused', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const text = await client
      .put('/account/avatar')
      .withCsrfToken()
      .loginAs(ana)
      .file('avatar', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), {
        filename: 'looks.png',
      })
      .redirects(0)
    text.assertHeader('location', '/account')
    assert.deepEqual(text.flashMessages().inputErrorsBag, {
      avatar: ['This file is not a JPEG, PNG, WebP or GIF picture.'],
    })

    const missing = await client
      .put('/account/avatar')
      .withCsrfToken()
      .loginAs(ana)
      .field('note', 'no file')
      .redirects(0)
    assert.deepEqual(missing.flashMessages().inputErrorsBag, {
      avatar: ['Choose a picture to upload.'],
    })

    const huge = await client
      .put('/account/avatar')
      .withCsrfToken()
      .loginAs(ana)
      .accept('json')
      .file('avatar', Buffer.alloc(5 * 1024 * 1024 + 1, 1), { filename: 'big.png' })
    huge.assertStatus(413)
    assert.equal(huge.body().errors[0].code, 'E_AVATAR_TOO_LARGE')
    await ana.refresh()
    assert.isNull(ana.avatarKey)
  })

  test('a picture of more than 40 million pixels is refused as such, not as "not a picture"', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const refused = await client
      .put('/account/avatar')
      .withCsrfToken()
      .loginAs(ana)
      .file('avatar', hugePng(6400, 6400), { filename: 'scan.png' })
      .redirects(0)
    assert.deepEqual(refused.flashMessages().inputErrorsBag, {
      avatar: ['The picture has more than 40 million pixels: make it smaller.'],
    })
    const json = await client
      .put('/account/avatar')
      .withCsrfToken()
      .loginAs(ana)
      .accept('json')
      .file('avatar', hugePng(6400, 6400), { filename: 'scan.png' })
    json.assertStatus(422)
    assert.deepEqual(json.body().errors[0], {
      code: 'E_AVATAR_TOO_MANY_PIXELS',
      message: 'The picture has more than 40 million pixels',
      field: 'avatar',
    })
    await ana.refresh()
    assert.isNull(ana.avatarKey)
  })

  test('file fields named after Object.prototype members are dropped; the avatar is taken', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const request = client.put('/account/avatar').withCsrfToken().loginAs(ana).redirects(0)
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      request.file(name, Buffer.from('hello'), { filename: 'a.txt' })
    }
    const response = await request.file('avatar', await png(40, 40), { filename: 'me.png' })
    response.assertHeader('location', '/account')
    assert.isUndefined(response.flashMessages().inputErrorsBag)
    await ana.refresh()
    assert.isString(ana.avatarKey)
  })

  test('avatars are for signed-in people; unknown keys and sizes are a 404', async ({ client }) => {
    const ana = await UserFactory.merge({ avatarKey: 'abc' }).create()
    const guest = await client.get(`/avatars/${ana.id}/abc/64`).redirects(0)
    guest.assertStatus(302)
    const size = await client.get(`/avatars/${ana.id}/abc/50`).loginAs(ana)
    size.assertStatus(404)
    const key = await client.get(`/avatars/${ana.id}/zzz/64`).loginAs(ana)
    key.assertStatus(404)
  })
})

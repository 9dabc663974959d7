import { test } from '@japa/runner'
import User from '#models/user'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom } from '#tests/helpers/private_rooms'
import { pngPicture, removeStoredAttachments, uploadFile } from '#tests/helpers/attachments'

/**
 * A page without its per-request CSRF tokens, to compare two pages
 */
function withoutCsrfTokens(html: string) {
  return html.replace(
    /(name=['"]_csrf['"] value=|name="csrf-token" content=)(?:'[^']*'|"[^"]*")/g,
    '$1'
  )
}

const SANDBOX_CSP = `default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox`

test.group('Attachments: downloads', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => removeStoredAttachments())

  test('a picture is shown inline with its sniffed type, unsniffable and sandboxed', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const picture = await pngPicture(30, 30)
    const posted = await uploadFile(client, user, room, picture, 'café.png')

    const download = await client
      .get(`/attachments/${posted.body().data.attachment.id}`)
      .loginAs(user)

    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'image/png')
    assert.equal(
      download.header('content-disposition'),
      `inline; filename="caf?.png"; filename*=UTF-8''caf%C3%A9.png`
    )
    assert.equal(download.header('x-content-type-options'), 'nosniff')
    assert.equal(download.header('content-security-policy'), SANDBOX_CSP)
    assert.equal(download.header('content-length'), String(picture.length))
    assert.deepEqual(Buffer.from(download.body()), picture)
  })

  test('API clients download files, thumbnails and avatars with their bearer token', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const stranger = await UserFactory.create()
    const room = await createPrivateRoom(user)
    const picture = await pngPicture(30, 30)
    const posted = await uploadFile(client, user, room, picture, 'plan.png')
    const id = posted.body().data.attachment.id
    const bearer = async (owner: typeof user) => {
      const token = await User.accessTokens.create(owner)
      return `Bearer ${token.value!.release()}`
    }
    const mine = await bearer(user)

    const download = await client.get(`/attachments/${id}`).header('authorization', mine)
    download.assertStatus(200)
    assert.deepEqual(Buffer.from(download.body()), picture)
    const thumbnail = await client.get(`/attachments/${id}/thumbnail`).header('authorization', mine)
    thumbnail.assertStatus(200)
    assert.equal(thumbnail.header('content-type'), 'image/webp')
    const outsider = await client
      .get(`/attachments/${id}`)
      .header('authorization', await bearer(stranger))
    outsider.assertStatus(404)
    const forged = await client
      .get(`/attachments/${id}`)
      .header('authorization', 'Bearer oat_forged')
      .header('accept', 'application/json')
    forged.assertStatus(401)

    const uploaded = await client
      .put('/account/avatar')
      .withCsrfToken()
      .loginAs(user)
      .file('avatar', picture, { filename: 'me.png' })
      .redirects(0)
    uploaded.assertStatus(302)
    await user.refresh()
    const avatar = await client
      .get(`/avatars/${user.id}/${user.avatarKey}/64`)
      .header('authorization', await bearer(stranger))
    avatar.assertStatus(200)
    assert.equal(avatar.header('content-type'), 'image/webp')
  })

  test('any other file is a download, whatever its name says', async ({ client, assert }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const markup = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    const posted = await uploadFile(client, user, room, markup, 'logo.svg')
    const id = posted.body().data.attachment.id

    const download = await client.get(`/attachments/${id}`).loginAs(user)
    const thumbnail = await client.get(`/attachments/${id}/thumbnail`).loginAs(user)

    download.assertStatus(200)
    assert.equal(download.header('content-type'), 'application/octet-stream')
    assert.equal(download.header('content-disposition'), 'attachment; filename=logo.svg')
    assert.equal(download.header('x-content-type-options'), 'nosniff')
    assert.equal(download.header('content-security-policy'), SANDBOX_CSP)
    assert.deepEqual(Buffer.from(download.body()), markup)
    thumbnail.assertStatus(404)
  })

  test('a private room’s file is the 404 of a missing one for outsiders, even by guessing its id', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const outsider = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member])
    const posted = await uploadFile(client, owner, room, await pngPicture(20, 20), 'secret.png')
    const id: number = posted.body().data.attachment.id

    const asMember = await client.get(`/attachments/${id}`).loginAs(member)
    const asOutsider = await client.get(`/attachments/${id}`).loginAs(outsider)
    const outsiderThumbnail = await client.get(`/attachments/${id}/thumbnail`).loginAs(outsider)
    const missing = await client.get(`/attachments/${id + 1}`).loginAs(outsider)
    const outsiderJson = await client
      .get(`/attachments/${id}`)
      .header('accept', 'application/json')
      .loginAs(outsider)
    const missingJson = await client
      .get(`/attachments/${id + 1}`)
      .header('accept', 'application/json')
      .loginAs(outsider)
    const anonymous = await client.get(`/attachments/${id}`).redirects(0)

    asMember.assertStatus(200)
    assert.deepEqual(
      [asOutsider.status(), outsiderThumbnail.status(), missing.status()],
      [404, 404, 404]
    )
    assert.equal(withoutCsrfTokens(asOutsider.text()), withoutCsrfTokens(missing.text()))
    assert.notInclude(asOutsider.text(), 'secret.png')
    outsiderJson.assertStatus(404)
    assert.deepEqual(outsiderJson.body(), missingJson.body())
    assert.deepEqual(outsiderJson.body(), {
      errors: [{ code: 'E_ROW_NOT_FOUND', message: 'File not found' }],
    })
    anonymous.assertStatus(302)
    assert.equal(anonymous.header('location'), '/login')
  })

  test('a member who leaves a private room loses its files; ids beyond integers are 404', async ({
    client,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member])
    const posted = await uploadFile(client, member, room, Buffer.from('notes'), 'notes.txt')
    const id = posted.body().data.attachment.id

    const before = await client.get(`/attachments/${id}`).loginAs(member)
    await client
      .delete(`/api/v1/rooms/${room.id}/members/${member.id}`)
      .withGuard('api')
      .loginAs(owner)
    const after = await client.get(`/attachments/${id}`).loginAs(member)
    const huge = await client.get('/attachments/99999999999').loginAs(member)

    before.assertStatus(200)
    after.assertStatus(404)
    huge.assertStatus(404)
  })

  test('uploading to a room one may not see is the 404 of a missing room', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const outsider = await UserFactory.create()
    const room = await createPrivateRoom(owner)

    const refused = await uploadFile(client, outsider, room, Buffer.from('x'), 'x.txt')
    const missing = await uploadFile(client, outsider, room.id + 1, Buffer.from('x'), 'x.txt')

    refused.assertStatus(404)
    assert.deepEqual(refused.body(), missing.body())
  })
})

test.group('Attachments: the room page', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => removeStoredAttachments())

  test('shows a picture as its thumbnail linking to the viewer and a file as a download with its size', async ({
    client,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const picture = await uploadFile(client, user, room, await pngPicture(800, 400), 'sea.png')
    const notes = await uploadFile(client, user, room, Buffer.alloc(1536, 65), 'notes <b>.txt')
    const pictureId = picture.body().data.attachment.id
    const notesId = notes.body().data.attachment.id

    const page = await client.get(`/rooms/${room.id}`).loginAs(user)

    page.assertStatus(200)
    const html = page.text()
    assert.include(
      html,
      `<a class="attachment-image" href="/attachments/${pictureId}" data-attachment-viewer`
    )
    assert.include(html, 'aria-label="Open picture sea.png"')
    assert.include(
      html,
      `<img src="/attachments/${pictureId}/thumbnail"\n        alt="Picture: sea.png"\n        width="400" height="200" loading="lazy" />`
    )
    assert.include(
      html,
      `<a class="attachment-file" href="/attachments/${notesId}" download="notes &lt;b&gt;.txt"`
    )
    assert.include(html, 'aria-label="Download notes &lt;b&gt;.txt (1.5 kB)"')
    assert.include(html, '<span class="attachment-size">1.5 kB</span>')
    assert.include(html, 'enctype="multipart/form-data"')
    assert.include(html, '<input type="file" name="file" id="message-file"')
  })
})

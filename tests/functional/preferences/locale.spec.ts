import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

test.group('Language: Accept-Language and the switcher', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('follows Accept-Language: {header} → {lang}')
    .with([
      { header: 'vi-VN,vi;q=0.9,en;q=0.8', lang: 'vi', heading: 'Đăng nhập' },
      { header: 'fr-FR, vi;q=0.5', lang: 'vi', heading: 'Đăng nhập' },
      { header: 'en-GB,en;q=0.9', lang: 'en', heading: 'Log in' },
      { header: 'fr-FR', lang: 'en', heading: 'Log in' },
    ])
    .run(async ({ client }, { header, lang, heading }) => {
      const response = await client.get('/login').header('accept-language', header)
      response.assertStatus(200)
      response.assertTextIncludes(`<html lang="${lang}"`)
      response.assertTextIncludes(`<h1>${heading}</h1>`)
      response.assertHeader('vary', 'Accept-Language')
    })

  test('the switcher cookie wins over Accept-Language', async ({ client }) => {
    const response = await client
      .get('/login')
      .header('accept-language', 'en')
      .withCookie('locale', 'vi')
    response.assertTextIncludes('<html lang="vi"')
    response.assertTextIncludes('<label for="username">Tên đăng nhập</label>')
  })

  test('an unknown language in the cookie is ignored', async ({ client }) => {
    const response = await client
      .get('/login')
      .header('accept-language', 'vi')
      .withCookie('locale', 'xx')
    response.assertTextIncludes('<html lang="vi"')
  })

  test('the switcher remembers the language in a cookie for a year and goes back', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/preferences/locale')
      .withCsrfToken()
      .header('referer', '/register')
      .form({ locale: 'vi' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/register')
    const cookie = response.cookie('locale')!
    assert.equal(cookie.value, 'vi')
    assert.equal(cookie.maxAge, 365 * 24 * 3600)
    assert.isTrue(cookie.httpOnly)

    const page = await client.get('/register').withCookie('locale', cookie.value)
    page.assertTextIncludes('<h1>Tạo tài khoản</h1>')
  })

  test('the switcher refuses an unsupported language and a missing CSRF token', async ({
    client,
    assert,
  }) => {
    const unsupported = await client
      .post('/preferences/locale')
      .withCsrfToken()
      .header('referer', '/login')
      .form({ locale: 'fr' })
      .redirects(0)
    assert.isUndefined(unsupported.cookie('locale'))
    assert.property(unsupported.flashMessage('inputErrorsBag'), 'locale')

    const forged = await client
      .post('/preferences/locale')
      .header('referer', '/login')
      .form({ locale: 'vi' })
      .redirects(0)
    assert.isUndefined(forged.cookie('locale'))
  })

  test('validation messages come in Vietnamese', async ({ client, assert }) => {
    const tooShort = await client
      .post('/register')
      .withCsrfToken()
      .withCookie('locale', 'vi')
      .form({ username: 'ab', password: 'short', passwordConfirmation: 'short' })
      .redirects(0)
    assert.deepEqual(tooShort.flashMessage('inputErrorsBag'), {
      username: ['Tên đăng nhập phải có ít nhất 3 ký tự'],
      password: ['Mật khẩu phải có ít nhất 8 ký tự'],
    })

    const mismatch = await client
      .post('/register')
      .withCsrfToken()
      .withCookie('locale', 'vi')
      .form({ password: 'long-password', passwordConfirmation: 'other-password' })
      .redirects(0)
    assert.deepEqual(mismatch.flashMessage('inputErrorsBag'), {
      username: ['Tên đăng nhập là bắt buộc'],
      passwordConfirmation: ['Mật khẩu và Mật khẩu nhập lại phải giống nhau'],
    })
  })

  test('flash messages come in Vietnamese', async ({ client, assert }) => {
    const owner = await UserFactory.create()
    const wrong = await client
      .post('/login')
      .withCsrfToken()
      .withCookie('locale', 'vi')
      .form({ username: owner.username, password: 'not-the-password' })
      .redirects(0)
    assert.equal(wrong.flashMessage('error'), 'Tên đăng nhập hoặc mật khẩu không đúng')

    const created = await client
      .post('/rooms')
      .withCsrfToken()
      .withCookie('locale', 'vi')
      .loginAs(owner)
      .form({ name: 'Cà phê sáng' })
      .redirects(0)
    assert.equal(created.flashMessage('success'), 'Đã tạo phòng “Cà phê sáng”.')
    assert.isNotNull(await Room.findBy('name', 'Cà phê sáng'))
  })

  test('the 403 and 404 pages come in Vietnamese', async ({ client }) => {
    const owner = await UserFactory.create()
    const stranger = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()

    const forbidden = await client
      .delete(`/rooms/${room.id}`)
      .withCsrfToken()
      .withCookie('locale', 'vi')
      .loginAs(stranger)
      .redirects(0)
    forbidden.assertStatus(403)
    forbidden.assertTextIncludes('<h1>Không được phép</h1>')
    forbidden.assertTextIncludes('Chỉ chủ phòng mới có thể xóa phòng này.')

    const missingRoom = await client.get('/rooms/999999').withCookie('locale', 'vi').loginAs(owner)
    missingRoom.assertStatus(404)
    missingRoom.assertTextIncludes('<h1>Không tìm thấy trang</h1>')

    const unknownUrl = await client.get('/no-such-page').header('accept-language', 'vi')
    unknownUrl.assertStatus(404)
    unknownUrl.assertTextIncludes('<html lang="vi"')
    unknownUrl.assertTextIncludes('<h1>Không tìm thấy trang</h1>')
  })

  test('room pages give the chat script its texts and localised times', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: owner.id }).create()
    const page = await client.get(`/rooms/${room.id}`).withCookie('locale', 'vi').loginAs(owner)
    const json = /<script type="application\/json" id="chat-texts">(.*?)<\/script>/s.exec(
      page.text()
    )![1]
    const texts = JSON.parse(json)
    assert.equal(texts.connecting, 'Đang kết nối…')
    assert.equal(texts.typing_one, '{names} đang nhập…')

    const list = await client.get('/rooms').withCookie('locale', 'vi').loginAs(owner)
    list.assertTextIncludes('tạo bây giờ')
  })
})

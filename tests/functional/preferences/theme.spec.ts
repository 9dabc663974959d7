import { test } from '@japa/runner'

test.group('Theme: the switcher and the class on <html>', () => {
  test('follows the system theme without a cookie', async ({ client }) => {
    const response = await client.get('/login')
    response.assertTextIncludes('<html lang="en" data-theme="system">')
    response.assertTextIncludes('<meta name="color-scheme" content="light dark" />')
  })

  test('renders the remembered {$self} theme on <html> from the first byte')
    .with(['light', 'dark'])
    .run(async ({ client }, theme) => {
      const response = await client.get('/login').withCookie('theme', theme)
      response.assertTextIncludes(`<html lang="en" data-theme="${theme}">`)
      response.assertTextIncludes(`<meta name="color-scheme" content="${theme}" />`)
      response.assertTextIncludes(`value="${theme}" aria-pressed="true"`)
    })

  test('ignores an unknown theme in the cookie', async ({ client }) => {
    const response = await client.get('/login').withCookie('theme', 'neon')
    response.assertTextIncludes('data-theme="system"')
  })

  test('the switcher remembers a theme in a cookie and goes back', async ({ client, assert }) => {
    const response = await client
      .post('/preferences/theme')
      .withCsrfToken()
      .header('referer', '/login')
      .form({ theme: 'dark' })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
    const cookie = response.cookie('theme')!
    assert.equal(cookie.value, 'dark')
    assert.equal(cookie.maxAge, 365 * 24 * 3600)
    assert.isTrue(cookie.httpOnly)
  })

  test('choosing the system theme forgets the cookie', async ({ client, assert }) => {
    const response = await client
      .post('/preferences/theme')
      .withCsrfToken()
      .withCookie('theme', 'dark')
      .form({ theme: 'system' })
      .redirects(0)
    assert.equal(response.cookie('theme')?.maxAge, 0)
  })

  test('refuses an unknown theme and a missing CSRF token', async ({ client, assert }) => {
    const unknown = await client
      .post('/preferences/theme')
      .withCsrfToken()
      .header('referer', '/login')
      .form({ theme: 'neon' })
      .redirects(0)
    assert.isUndefined(unknown.cookie('theme'))
    assert.property(unknown.flashMessage('inputErrorsBag'), 'theme')

    const forged = await client
      .post('/preferences/theme')
      .header('referer', '/login')
      .form({ theme: 'dark' })
      .redirects(0)
    assert.isUndefined(forged.cookie('theme'))
  })
})

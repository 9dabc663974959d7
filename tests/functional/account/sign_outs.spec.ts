import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import type { CookieJar } from '#tests/helpers/cookie_jar'
import { appUrl, redirectOf, signedInBrowser } from '#tests/helpers/signed_in_browser'
import { ChatTestClient } from '#tests/helpers/ws_client'
import { appOrigin, chatGroup, createUser, type RunningChat } from '#tests/helpers/chat_fixtures'

/**
 * A socket opened with a ticket of the browser's session
 */
async function browserSocket(chat: RunningChat, browser: CookieJar, userAgent: string) {
  const response = await browser.fetch(`${appUrl}/chat/ticket`, {
    headers: { 'user-agent': userAgent },
  })
  const { ticket } = (await response.json()) as { ticket: string }
  return ChatTestClient.open(chat.url, ticket, { origin: appOrigin })
}

/**
 * A socket opened with a ticket of the API token
 */
async function tokenSocket(chat: RunningChat, token: string) {
  const response = await fetch(`${appUrl}/api/v1/chat/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  })
  const { ticket } = (await response.json()) as { ticket: string }
  return ChatTestClient.open(chat.url, ticket)
}

chatGroup('Account: sign-outs close chat sockets', (chat) => {
  test('changing the password ends the other sessions and closes their sockets with 1008', async ({
    assert,
  }) => {
    const user = await createUser()
    const here = await signedInBrowser(user, 'Laptop')
    const there = await signedInBrowser(user, 'Phone')
    const hereSocket = await browserSocket(chat, here, 'Laptop')
    const thereSocket = await browserSocket(chat, there, 'Phone')

    const changed = await here.submit(
      `${appUrl}/account/password?_method=PUT`,
      `${appUrl}/account`,
      {
        currentPassword: 'secret-password',
        password: 'a-new-password',
        passwordConfirmation: 'a-new-password',
      }
    )

    assert.equal(changed.status, 302)
    assert.equal(changed.headers.get('location'), '/account')
    assert.deepEqual(await thereSocket.closed, { code: 1008, reason: 'signed out' })
    await hereSocket.roundTrip()
    const thereAfter = await there.fetch(`${appUrl}/rooms`)
    assert.equal(thereAfter.headers.get('location'), '/login')
    const hereAfter = await here.fetch(`${appUrl}/rooms`)
    assert.equal(hereAfter.status, 200)
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'a-new-password'))
  })

  test('ending another session from the account page closes its sockets with 1008', async ({
    assert,
  }) => {
    const user = await createUser()
    const here = await signedInBrowser(user, 'Laptop')
    const there = await signedInBrowser(user, 'Phone')
    const thereSocket = await browserSocket(chat, there, 'Phone')
    const response = await here.fetch(`${appUrl}/account`)
    const page = await response.text()
    const key = page.match(/data-session="([0-9a-f]{32})">\s*<span>\s*Phone/)?.[1]
    assert.isString(key)

    const ended = await here.submit(
      `${appUrl}/account/sessions/${key}?_method=DELETE`,
      `${appUrl}/account`
    )

    assert.equal(ended.headers.get('location'), '/account')
    assert.deepEqual(await thereSocket.closed, { code: 1008, reason: 'signed out' })
    assert.equal(await redirectOf(there, '/rooms'), '/login')
  })

  test('revoking a token from the account page closes the sockets opened with it', async ({
    assert,
  }) => {
    const user = await createUser()
    const revoked = await User.accessTokens.create(user, ['*'], { name: 'laptop-cli' })
    const kept = await User.accessTokens.create(user, ['*'], { name: 'phone-app' })
    const revokedSocket = await tokenSocket(chat, revoked.value!.release())
    const keptSocket = await tokenSocket(chat, kept.value!.release())
    const browser = await signedInBrowser(user, 'Laptop')

    const response = await browser.submit(
      `${appUrl}/account/tokens/${revoked.identifier}?_method=DELETE`,
      `${appUrl}/account`
    )

    assert.equal(response.headers.get('location'), '/account')
    assert.deepEqual(await revokedSocket.closed, { code: 1008, reason: 'signed out' })
    await keptSocket.roundTrip()
    const left = await User.accessTokens.all(user)
    assert.deepEqual(
      left.map((token) => token.name),
      ['phone-app']
    )
  })

  test('deleting the account closes the sockets of all its sessions and tokens at once', async ({
    assert,
  }) => {
    const user = await createUser()
    const token = await User.accessTokens.create(user, ['*'], { name: 'cli' })
    const tokenClient = await tokenSocket(chat, token.value!.release())
    const here = await signedInBrowser(user, 'Laptop')
    const there = await signedInBrowser(user, 'Phone')
    const hereSocket = await browserSocket(chat, here, 'Laptop')
    const thereSocket = await browserSocket(chat, there, 'Phone')

    const deleted = await here.submit(`${appUrl}/account?_method=DELETE`, `${appUrl}/account`, {
      deletePassword: 'secret-password',
    })

    assert.equal(deleted.headers.get('location'), '/')
    assert.deepEqual(await hereSocket.closed, { code: 1008, reason: 'signed out' })
    assert.deepEqual(await thereSocket.closed, { code: 1008, reason: 'signed out' })
    assert.deepEqual(await tokenClient.closed, { code: 1008, reason: 'signed out' })
    assert.equal(await redirectOf(there, '/rooms'), '/login')
    assert.equal(await redirectOf(here, '/rooms'), '/login')
  })
})

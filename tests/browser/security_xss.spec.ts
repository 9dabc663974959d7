import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { truncateTables } from '#tests/helpers/database'
import type { Page } from 'playwright'
import env from '#start/env'
import User from '#models/user'
import RoomService from '#services/rooms/room_service'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { ChatTestClient, closeAllClients } from '#tests/helpers/ws_client'
import { appOrigin, join, say, ticketFor } from '#tests/helpers/chat_fixtures'

/*
 * Every payload sets window.__xss or opens a dialog if it ever runs. The
 * browser ignores the CSP here (bypassCSP), so what is tested is the
 * escaping itself, not only the policy that would also block inline scripts.
 */
const NAME = '<img src=x onerror=window.__xss=1>'
const DESCRIPTION = '"><script>window.__xss=1</script><svg onload=alert(1)>'
const MESSAGE = '<img src=x onerror="window.__xss=1;alert(2)"><a href="javascript:alert(3)">x</a>'
const LIVE_NAME = '<svg onload=alert(4)> live'
/** Registration refuses markup, but names can arrive by other routes (imports, old data) */
const USERNAME = '<svg onload=window.__xss=1>'
/** Markdown that tries to smuggle script through links, raw HTML and entities */
const MARKDOWN_PAYLOADS = [
  '[a](javascript:alert(5))',
  '[b](JaVaScRiPt:window.__xss=1)',
  '[c](&#106;avascript:alert(6))',
  '[d](data:text/html,<script>alert(7)</script>)',
  '**<img src=x onerror=alert(8)>**',
  '<a href="javascript:alert(10)">raw</a> <svg onload=alert(11)>',
  '[safe](https://example.com/safe "x\\" onmouseover=\\"alert(12)")',
  '`<script>alert(13)</script>`',
]

/**
 * Fails if any payload ran or left an element behind
 */
async function assertInert(page: Page, dialogs: string[], assert: { deepEqual: Function }) {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? null,
    injected: document.querySelectorAll(
      'img[src="x"], [onerror], [onload], [onmouseover], main script:not([src]):not([type="application/json"]), a[href^="javascript:" i], a[href^="data:" i]'
    ).length,
  }))
  assert.deepEqual({ ...state, dialogs }, { xss: null, injected: 0, dialogs: [] })
}

test.group('Browser: stored XSS stays text', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('registration refuses a username with markup', async ({ visit, assert }) => {
    const page = await visit('/register')
    await page.getByLabel('Username').fill('<script>x</script>')
    await page.getByLabel('Password', { exact: true }).fill('long-password')
    await page.getByLabel('Confirm password').fill('long-password')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.locator('#username-error').waitFor()
    assert.match(page.url(), /\/register$/)
    assert.lengthOf(await User.all(), 0)
  })

  test('payloads in names, descriptions, usernames and messages render inert, server-side and live', async ({
    browser,
    assert,
  }) => {
    const owner = await UserFactory.merge({ username: USERNAME }).create()
    const viewer = await UserFactory.create()
    const room = await createRoomWithMessages(owner, 3, {
      name: NAME,
      description: DESCRIPTION,
      bodies: [MESSAGE],
    })
    const context = await browser.newContext({
      bypassCSP: true,
      baseURL: `http://${env.get('HOST')}:${env.get('PORT')}`,
    })
    await context.loginAs(viewer)
    const page = await context.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      dialog.dismiss()
    })

    await page.goto('/rooms')
    await page.getByRole('link', { name: NAME }).waitFor()
    assert.equal(
      await page.locator(`[data-room-id="${room.id}"] .room-description`).first().textContent(),
      DESCRIPTION
    )
    await page.locator('[data-lobby-ready=true]').waitFor()
    const rooms = await app.container.make(RoomService)
    await rooms.create(owner, { name: LIVE_NAME, description: DESCRIPTION })
    await page.getByRole('link', { name: LIVE_NAME }).waitFor()
    await assertInert(page, dialogs, assert)

    await page.goto(`/rooms/${room.id}`)
    await page.locator('#online-list li', { hasText: viewer.username }).waitFor()
    assert.equal(await page.locator('h1').textContent(), NAME)
    assert.deepEqual(await page.locator('#messages .text').allTextContents(), [
      MESSAGE,
      MESSAGE,
      MESSAGE,
    ])
    assert.deepEqual(await page.locator('#messages .author').allTextContents(), [
      USERNAME,
      USERNAME,
      USERNAME,
    ])

    const socket = await ChatTestClient.open(
      `ws://${env.get('HOST')}:${env.get('PORT')}/ws`,
      ticketFor(owner),
      {
        origin: appOrigin,
      }
    )
    await join(socket, room)
    await page.locator('#online-list li', { hasText: USERNAME }).waitFor()
    socket.send({ type: 'typing', room: room.id })
    await page.locator('#typing', { hasText: USERNAME }).waitFor()
    await say(socket, room, 'live-xss', `${MESSAGE} live`)
    await page.locator('#messages .message[data-seq="4"]').waitFor()
    assert.equal(
      await page.locator('#messages .message[data-seq="4"] .text').textContent(),
      `${MESSAGE} live`
    )
    assert.equal(
      await page.locator('#messages .message[data-seq="4"] .author').textContent(),
      USERNAME
    )
    await assertInert(page, dialogs, assert)
    await context.close()
  })
  test('markdown payloads render inert live, after an edit and after a reload; links get rel', async ({
    browser,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const viewer = await UserFactory.create()
    const room = await createRoomWithMessages(owner, 0)
    const context = await browser.newContext({
      bypassCSP: true,
      baseURL: `http://${env.get('HOST')}:${env.get('PORT')}`,
    })
    await context.loginAs(viewer)
    const page = await context.newPage()
    const dialogs: string[] = []
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      dialog.dismiss()
    })
    await page.goto(`/rooms/${room.id}`)
    const socket = await ChatTestClient.open(
      `ws://${env.get('HOST')}:${env.get('PORT')}/ws`,
      ticketFor(owner),
      { origin: appOrigin }
    )
    await join(socket, room)
    await page.locator('#online-list li', { hasText: owner.username }).waitFor()

    await say(socket, room, 'md-1', MARKDOWN_PAYLOADS.join('\n\n'))
    await say(socket, room, 'md-2', 'plain [docs](https://example.com/docs) **bold**')
    socket.send({
      type: 'edit',
      room: room.id,
      client_id: 'md-3',
      target: 2,
      text: '[edited](javascript:alert(9)) <script>window.__xss=1</script>',
    })
    await socket.next({ type: 'ack', client_id: 'md-3' })
    await page.locator('#messages .message[data-seq="2"] .text', { hasText: 'edited' }).waitFor()
    await assertInert(page, dialogs, assert)

    await page.reload()
    await page.locator('#messages .message[data-seq="1"]').waitFor()
    await assertInert(page, dialogs, assert)
    // The links in the messages' texts (names and menus link to the app's own pages)
    const links = await page
      .locator('#messages .text a[href]')
      .evaluateAll((anchors) =>
        anchors.map((anchor) => [anchor.getAttribute('href'), anchor.getAttribute('rel')])
      )
    assert.deepEqual(links, [['https://example.com/safe', 'noopener nofollow ugc']])
    await context.close()
  })
})

import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { Page } from 'playwright'
import { ChatNode } from '#chat/index'
import type Room from '#models/room'
import RoomMember from '#models/room_member'
import type User from '#models/user'
import { appOrigin, createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { truncateTables } from '#tests/helpers/database'

/**
 * Posts `text` in `room` as `author`, as the chat does
 */
async function post(room: Room, author: User, text: string) {
  const chat = await app.container.make(ChatNode)
  await chat.post({
    room: room.id,
    user: { id: author.id, username: author.username },
    clientId: null,
    text,
  })
}

/**
 * Counts the page's calls of Notification.requestPermission (in
 * `window.permissionRequests`), from before any page script runs
 */
const COUNT_PERMISSION_REQUESTS = () => {
  const request = Notification.requestPermission.bind(Notification)
  ;(window as any).permissionRequests = 0
  Notification.requestPermission = () => {
    ;(window as any).permissionRequests++
    return request()
  }
}

/**
 * Counts the notifications the page had its service worker show (in
 * `window.notificationsShown`, once shown), from before any page script runs
 */
const RECORD_NOTIFICATIONS = () => {
  const show = ServiceWorkerRegistration.prototype.showNotification
  ;(window as any).notificationsShown = 0
  ServiceWorkerRegistration.prototype.showNotification = async function (...args) {
    await show.apply(this, args)
    ;(window as any).notificationsShown++
  }
}

/**
 * Counts the tones the page starts (in `window.tones`; a chime is two)
 */
const COUNT_TONES = () => {
  const start = OscillatorNode.prototype.start
  ;(window as any).tones = 0
  OscillatorNode.prototype.start = function (...args) {
    ;(window as any).tones++
    return start.apply(this, args)
  }
}

/**
 * The notifications the page's service worker shows, as [title, body, tag]
 */
function shownNotifications(page: Page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    const shown = await registration.getNotifications()
    return shown.map((notification) => [notification.title, notification.body, notification.tag])
  })
}

/**
 * Makes the page behave as a tab in the background (not visible, not focused)
 */
function sendToBackground(page: Page) {
  return page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' })
    document.hasFocus = () => false
  })
}

test.group('Browser: notifications', (group) => {
  group.each.setup(() => truncateTables())

  test('asked only after the opt-in click; granted, a mention in a background tab notifies (with the chosen chime) and counts in title and favicon; reading it closes both', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await RoomMember.create({ roomId: room.id, userId: bob.id, notificationLevel: 'mentions' })
    await browserContext.grantPermissions(['notifications'], { origin: appOrigin })
    await browserContext.addInitScript(COUNT_PERMISSION_REQUESTS)
    await browserContext.addInitScript(RECORD_NOTIFICATIONS)
    await browserContext.addInitScript(COUNT_TONES)
    await browserContext.loginAs(bob)

    const page = await visit('/account')
    await page.getByRole('heading', { name: 'Notifications' }).waitFor()
    assert.equal(await page.evaluate(() => (window as any).permissionRequests), 0)
    await page.assertTextContains(
      '[data-notification-status]',
      'Notifications are off on this device.'
    )

    await page.getByRole('button', { name: 'Turn on notifications' }).click()
    await page.assertTextContains(
      '[data-notification-status]',
      'Notifications are on while Roomchat is open in a tab'
    )
    assert.equal(await page.evaluate(() => (window as any).permissionRequests), 1)
    assert.isTrue(await page.getByRole('button', { name: 'Turn off notifications' }).isVisible())
    await page.getByLabel('Play a sound').check()
    assert.equal(await page.evaluate(() => (window as any).tones), 2)

    const rooms = await visit('/rooms')
    await rooms.locator('meta[name="notifications-user"][data-ready="true"]').waitFor({
      state: 'attached',
    })
    await sendToBackground(rooms)
    await post(room, ana, `@${bob.username} lunch at noon?`)

    await rooms.waitForFunction(() => (window as any).notificationsShown === 1)
    assert.equal(await rooms.evaluate(() => (window as any).tones), 2)
    assert.deepEqual(await shownNotifications(rooms), [
      [room.name, `${ana.username}: @${bob.username} lunch at noon?`, `message-${room.id}-1`],
    ])
    await rooms.waitForFunction(() => document.title.startsWith('(1) '))
    assert.equal(await rooms.title(), '(1) Browse rooms · Roomchat')
    const icon = rooms.locator('link[rel="icon"]')
    await rooms.locator('link[rel="icon"][data-unread="1"]').waitFor({ state: 'attached' })
    assert.match((await icon.getAttribute('href'))!, /^data:image\/png;base64,/)

    await rooms.evaluate(async (roomId) => {
      const csrf = document.querySelector<HTMLMetaElement>('meta[name="csrf-token"]')!.content
      await fetch(`/rooms/${roomId}/read`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ seq: 1 }),
      })
    }, room.id)
    await rooms.waitForFunction(() => document.title === 'Browse rooms · Roomchat')
    assert.deepEqual(await shownNotifications(rooms), [])
    assert.equal(await icon.getAttribute('href'), '/favicon.svg')
  })

  test('a message that mentions nobody, or a tab in front, shows no notification', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await RoomMember.create({ roomId: room.id, userId: bob.id, notificationLevel: 'mentions' })
    await browserContext.grantPermissions(['notifications'], { origin: appOrigin })
    await browserContext.addInitScript(RECORD_NOTIFICATIONS)
    await browserContext.loginAs(bob)
    const page = await visit('/account')
    await page.getByRole('button', { name: 'Turn on notifications' }).click()
    await page.getByRole('button', { name: 'Turn off notifications' }).waitFor()
    await page.locator('meta[name="notifications-user"][data-ready="true"]').waitFor({
      state: 'attached',
    })

    await post(room, ana, 'nobody mentioned')
    await post(room, ana, `@${bob.username} while you look`)
    await page.waitForFunction(() => document.title.startsWith('(1) '))

    assert.equal(await page.evaluate(() => (window as any).notificationsShown), 0)
    assert.deepEqual(await shownNotifications(page), [])
  })

  test('a mention deleted before it is read leaves the count in the title', async ({
    browserContext,
    visit,
  }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(ana)
    await RoomMember.create({ roomId: room.id, userId: bob.id, notificationLevel: 'mentions' })
    await browserContext.loginAs(bob)
    const page = await visit('/account')
    await page.locator('meta[name="notifications-user"][data-ready="true"]').waitFor({
      state: 'attached',
    })
    await page.locator('[data-sidebar][data-sidebar-ready=true]').waitFor({ state: 'attached' })

    await post(room, ana, `@${bob.username} have a look`)
    await page.waitForFunction(() => document.title.startsWith('(1) '))
    const chat = await app.container.make(ChatNode)
    await chat.remove({
      room: room.id,
      user: { id: ana.id, username: ana.username },
      clientId: null,
      target: 1,
    })
    await page.waitForFunction(() => !document.title.startsWith('('))
  })

  test('turning notifications off keeps the choice; without permission the page says they are blocked', async ({
    browserContext,
    visit,
  }) => {
    const bob = await createUser()
    await browserContext.loginAs(bob)
    await browserContext.grantPermissions(['notifications'], { origin: appOrigin })
    const page = await visit('/account')
    await page.getByRole('button', { name: 'Turn on notifications' }).click()
    await page.getByRole('button', { name: 'Turn off notifications' }).click()
    await page.assertTextContains(
      '[data-notification-status]',
      'Notifications are off on this device.'
    )
    await page.reload()
    await page.assertTextContains(
      '[data-notification-status]',
      'Notifications are off on this device.'
    )

    await browserContext.clearPermissions()
    await page.getByRole('button', { name: 'Turn on notifications' }).click()
    await page.assertTextContains(
      '[data-notification-status]',
      "Notifications are blocked for this site in your browser's settings."
    )
  })
})

test.group('Browser: installable app', (group) => {
  group.each.setup(() => truncateTables())

  test('the manifest is linked and its icons load; the service worker controls the whole site', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/')
    const manifestUrl = await page.locator('link[rel="manifest"]').getAttribute('href')
    assert.equal(manifestUrl, '/manifest.webmanifest')

    const manifest = await page.evaluate(async (url) => {
      const response = await fetch(url)
      return { type: response.headers.get('content-type'), body: await response.json() }
    }, manifestUrl!)
    assert.match(manifest.type!, /^application\/manifest\+json(;|$)/)
    assert.include(manifest.body, {
      name: 'Roomchat',
      start_url: '/rooms',
      scope: '/',
      display: 'standalone',
    })
    const icons = await page.evaluate(async (list: Array<{ src: string }>) => {
      return Promise.all(
        list.map(async (icon) => {
          const response = await fetch(icon.src)
          return [icon.src, response.status, response.headers.get('content-type')]
        })
      )
    }, manifest.body.icons)
    assert.deepEqual(icons, [
      ['/icons/icon-192.png', 200, 'image/png'],
      ['/icons/icon-512.png', 200, 'image/png'],
      ['/icons/icon-maskable-512.png', 200, 'image/png'],
      ['/favicon.svg', 200, 'image/svg+xml'],
    ])

    const scope = await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.ready
      return registration.scope
    })
    assert.equal(scope, `${appOrigin}/`)
    await page.reload()
    assert.isTrue(await page.evaluate(() => navigator.serviceWorker.controller !== null))
  })

  test('offline, a page navigation shows the offline page from the service worker', async ({
    browserContext,
    visit,
  }) => {
    const page = await visit('/')
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready
    })
    await page.reload()
    await browserContext.setOffline(true)
    await page.goto(`${appOrigin}/rooms`)
    await page.assertTextContains('h1', 'You are offline')
    await browserContext.setOffline(false)
  })
})

test.group('Browser: live events', (group) => {
  group.each.setup(() => truncateTables())

  test('a room page holds one event stream for all its live features', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await createUser()
    const room = await createRoom(ana)
    await browserContext.loginAs(ana)
    const streams: string[] = []
    browserContext.on('request', (request) => {
      if (new URL(request.url()).pathname === '/__transmit/events') streams.push(request.url())
    })

    const page = await visit(`/rooms/${room.id}`)
    await page.locator('meta[name="notifications-user"][data-ready="true"]').waitFor({
      state: 'attached',
    })
    await page.waitForLoadState('networkidle')

    assert.lengthOf(streams, 1)
  })
})

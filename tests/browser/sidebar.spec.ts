/// <reference lib="dom" />

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import type { Page } from 'playwright'
import env from '#start/env'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { joinRooms } from '#tests/helpers/memberships'
import { axeViolations } from '#tests/helpers/axe'
import transmit from '@adonisjs/transmit/services/main'
import Message from '#models/message'
import { postThroughApi } from '#tests/helpers/api_messages'

const phone = { width: 360, height: 740 }

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * The sidebar's room links in order, by their accessible text
 */
function sidebarLinks(page: Page) {
  return page
    .getByRole('navigation', { name: 'Your rooms' })
    .locator('[data-sidebar-rooms] a')
    .evaluateAll((links) => links.map((link) => link.textContent!.replace(/\s+/g, ' ').trim()))
}

/**
 * Pixels by which the page is wider than the screen
 */
function horizontalOverflow(page: Page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  )
}

test.group('Browser: the sidebar of my rooms', (group) => {
  group.each.setup(() => truncateTables())

  test('join and favourite in the room header, mute and leave in its actions menu; the sidebar of another tab follows live', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'side_ana' }).create()
    const bob = await UserFactory.merge({ username: 'side_bob' }).create()
    const stars = await RoomFactory.merge({ name: 'Stars', ownerId: bob.id }).create()
    const zoo = await RoomFactory.merge({ name: 'Zoo', ownerId: bob.id }).create()
    await joinRooms(ana, [zoo])
    await browserContext.loginAs(ana)

    const other = await visit('/account')
    await other.locator('[data-sidebar][data-sidebar-ready=true]').waitFor({ state: 'attached' })
    assert.deepEqual(await sidebarLinks(other), ['Zoo'])

    // Join from the room page: both sidebars list the room, this page's marks it current
    const page = await visit(`/rooms/${stars.id}`)
    await page.getByRole('button', { name: 'Join room' }).click()
    await page.getByRole('status').filter({ hasText: 'You joined “Stars”.' }).waitFor()
    const current = page.locator('[data-sidebar-rooms] a[aria-current=page]')
    assert.equal((await current.textContent())!.trim(), 'Stars')
    await other.locator('[data-sidebar-rooms] a', { hasText: 'Stars' }).waitFor()
    assert.deepEqual(await sidebarLinks(other), ['Stars', 'Zoo'])

    // Favourite: first in the list
    await page.locator('[data-sidebar][data-sidebar-ready=true]').waitFor({ state: 'attached' })
    await zoo.merge({ name: 'Aardvarks' }).save()
    await page.getByRole('button', { name: 'Favourite', pressed: false }).click()
    await page.getByRole('button', { name: 'Favourite', pressed: true }).waitFor()
    await other.locator('[data-sidebar-rooms] a', { hasText: 'Favourite' }).waitFor()
    assert.deepEqual(await sidebarLinks(other), ['Stars ★Favourite', 'Aardvarks'])

    // Messages while Ana is elsewhere: an unread badge, live
    await page.goto(pageUrl('/search'))
    await postThroughApi(bob, stars.id, 'Clear skies tonight')
    await other
      .locator('[data-sidebar-rooms] a', {
        has: other.getByText('1 unread message', { exact: true }),
      })
      .waitFor()

    // Muted: only mentions count
    await page.goto(pageUrl(`/rooms/${stars.id}`))
    await other
      .locator('[data-sidebar-rooms] a', { hasText: 'unread' })
      .waitFor({ state: 'detached' })
    await page.getByRole('button', { name: 'Room actions' }).click()
    await page.getByRole('menuitemradio', { name: 'Mentions only (muted)', checked: false }).click()
    await page.getByRole('button', { name: 'Room actions' }).click()
    await page
      .getByRole('menuitemradio', { name: 'Mentions only (muted)', checked: true })
      .waitFor()
    await page.keyboard.press('Escape')
    await other.locator('[data-sidebar-rooms] a', { hasText: 'Muted' }).waitFor()
    await page.goto(pageUrl('/search'))
    await postThroughApi(bob, stars.id, 'Anyone bringing a telescope?')
    await postThroughApi(bob, stars.id, '@side_ana bring the big lens')
    const starsLink = other.locator('[data-sidebar-rooms] a', { hasText: 'Stars' })
    await starsLink.getByText('1 mention of you', { exact: true }).waitFor()
    assert.equal(await starsLink.locator('.badge.unread').count(), 0)
    assert.equal(await starsLink.locator('.badge.mention [aria-hidden]').textContent(), '@1')
    assert.deepEqual(await starsLink.locator('.sidebar-mark').allTextContents(), [
      '★Favourite',
      'Muted',
    ])

    // Leave: the room is gone from the sidebar, still readable
    await page.goto(pageUrl(`/rooms/${stars.id}`))
    await page.getByRole('button', { name: 'Room actions' }).click()
    await page.getByRole('menuitem', { name: 'Leave room' }).click()
    await page.getByRole('status').filter({ hasText: 'You left “Stars”.' }).waitFor()
    await page.getByRole('button', { name: 'Join room' }).waitFor()
    await starsLink.waitFor({ state: 'detached' })
    assert.deepEqual(await sidebarLinks(other), ['Aardvarks'])
  })

  test('messages in my other rooms raise their badges and the unread count live without a fetch, each once; a read elsewhere clears them; shown again, the tab fetches', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'busy_ana' }).create()
    const bob = await UserFactory.merge({ username: 'busy_bob' }).create()
    const stars = await RoomFactory.merge({ name: 'Stars', ownerId: bob.id }).create()
    const zoo = await RoomFactory.merge({ name: 'Zoo', ownerId: bob.id }).create()
    await joinRooms(ana, [stars, zoo])
    await browserContext.loginAs(ana)
    const fetches: string[] = []
    browserContext.on('request', (request) => {
      const path = new URL(request.url()).pathname
      if (['/sidebar', '/sidebar/direct', '/notifications/unread'].includes(path)) {
        fetches.push(path)
      }
    })
    const counts = () =>
      browserContext.waitForEvent('response', (response) =>
        response.url().endsWith('/notifications/unread')
      )
    const loaded = counts()
    const page = await visit(`/rooms/${zoo.id}`)
    await page.locator('[data-sidebar][data-sidebar-ready=true]').waitFor({ state: 'attached' })
    await page.locator('meta[name="notifications-user"][data-ready="true"]').waitFor({
      state: 'attached',
    })
    await loaded
    fetches.length = 0

    // Messages and a mention in another room: badges and title count up, nothing fetched
    for (let count = 1; count <= 4; count++)
      await postThroughApi(bob, stars.id, `Meteor number ${count}`)
    await postThroughApi(bob, stars.id, '@busy_ana look up')
    const starsLink = page.locator('[data-sidebar-rooms] a', { hasText: 'Stars' })
    await starsLink.getByText('5 unread messages', { exact: true }).waitFor()
    await starsLink.getByText('1 mention of you', { exact: true }).waitFor()
    await page.waitForFunction(() => document.title.startsWith('(5) '))
    assert.equal(await starsLink.locator('.badge.mention [aria-hidden]').textContent(), '@1')

    // The same notification again counts once; the next message makes 6
    const [newest] = await Message.query().where('room_id', stars.id).orderBy('seq', 'desc')
    transmit.broadcast(`users/${ana.id}`, {
      type: 'notification',
      reason: 'mention',
      room: { id: stars.id, name: 'Stars' },
      seq: newest.seq,
      author: 'busy_bob',
      text: '@busy_ana look up',
      url: `/rooms/${stars.id}/messages/${newest.seq}#message-${newest.seq}`,
    })
    await postThroughApi(bob, stars.id, 'Meteor number 6')
    await starsLink.getByText('6 unread messages', { exact: true }).waitFor()
    await page.waitForFunction(() => document.title.startsWith('(6) '))
    assert.equal(await starsLink.locator('.badge.mention [aria-hidden]').textContent(), '@1')

    // The room shown gains no badge
    await postThroughApi(bob, zoo.id, 'Feeding time at noon')
    await page.getByText('Feeding time at noon').waitFor()
    await page.waitForFunction(() => document.title.startsWith('(6) '))
    assert.equal(
      await page.locator('[data-sidebar-rooms] a', { hasText: 'Zoo' }).locator('.badge').count(),
      0
    )
    assert.deepEqual(fetches, [])

    // Hidden, then shown again: the counts are fetched; an event they already cover counts not
    const refetched = counts()
    await page.evaluate(() => {
      const state = (value: string) =>
        Object.defineProperty(document, 'visibilityState', { configurable: true, value })
      state('hidden')
      document.dispatchEvent(new Event('visibilitychange'))
      state('visible')
      document.dispatchEvent(new Event('visibilitychange'))
    })
    const refetch = await refetched
    await refetch.finished()
    assert.deepEqual(fetches, ['/notifications/unread'])
    transmit.broadcast(`users/${ana.id}`, {
      type: 'notification',
      reason: 'message',
      room: { id: stars.id, name: 'Stars' },
      seq: newest.seq + 1,
      author: 'busy_bob',
      text: 'Meteor number 6',
      url: `/rooms/${stars.id}/messages/${newest.seq + 1}#message-${newest.seq + 1}`,
    })
    await postThroughApi(bob, stars.id, 'Meteor number 7')
    await starsLink.getByText('7 unread messages', { exact: true }).waitFor()
    await page.waitForFunction(() => document.title.startsWith('(7) '))

    // Read in another tab: the badges and the count go
    const other = await browserContext.newPage()
    await other.goto(pageUrl(`/rooms/${stars.id}`))
    await starsLink.locator('.badge').first().waitFor({ state: 'detached' })
    await page.waitForFunction(() => !document.title.startsWith('('))
    assert.equal(await starsLink.locator('.badge').count(), 0)
  })

  test('phone: the sidebar is a drawer opened from the header; Escape closes it, focus returns', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'drawer_ana' }).create()
    const rooms = await RoomFactory.merge({ ownerId: ana.id }).createMany(2)
    await joinRooms(ana, rooms)
    await browserContext.loginAs(ana)
    const page = await visit('/account')
    await page.setViewportSize(phone)

    const toggle = page.getByRole('button', { name: 'Your rooms' })
    const drawer = page.getByRole('navigation', { name: 'Your rooms' })
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false')
    assert.equal(await toggle.getAttribute('aria-controls'), 'sidebar')
    // Hidden once the resize's slide-out transition ends
    await drawer.waitFor({ state: 'hidden' })
    assert.equal(await horizontalOverflow(page), 0)

    await toggle.click()
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
    await drawer.waitFor()
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      rooms.map((room) => room.name).sort((a, b) => a.localeCompare(b))[0]
    )
    assert.equal(await horizontalOverflow(page), 0)

    await page.keyboard.press('Escape')
    await drawer.waitFor({ state: 'hidden' })
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false')
    assert.equal(await page.evaluate(() => document.activeElement?.className), 'drawer-toggle')

    // A room link opens the room, drawer closed
    await toggle.click()
    await drawer.getByRole('link', { name: rooms[1].name }).click()
    await page.waitForURL(`**/rooms/${rooms[1].id}`)
    assert.isFalse(await page.getByRole('navigation', { name: 'Your rooms' }).isVisible())
    assert.equal(await horizontalOverflow(page), 0)
  })

  test('phone without JavaScript: the header link shows the sidebar and its links work', async ({
    browser,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'nojs_ana' }).create()
    const room = await RoomFactory.merge({ name: 'Plain links', ownerId: ana.id }).create()
    await joinRooms(ana, [room])
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone })
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl('/account'))

    const drawer = page.getByRole('navigation', { name: 'Your rooms' })
    assert.isFalse(await drawer.isVisible())
    await page.getByRole('link', { name: 'Your rooms' }).click()
    await drawer.waitFor()
    assert.equal(await horizontalOverflow(page), 0)
    await drawer.getByRole('link', { name: 'Plain links' }).click()
    await page.waitForURL(`**/rooms/${room.id}`)
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Plain links')
    await context.close()
  })

  for (const theme of ['light', 'dark']) {
    test(`axe, ${theme} theme: the sidebar with badges, favourite and muted rooms, and the open drawer`, async ({
      browserContext,
      visit,
      assert,
    }) => {
      const ana = await UserFactory.merge({ username: 'axe_ana' }).create()
      const bob = await UserFactory.merge({ username: 'axe_bob' }).create()
      const [busy, quiet, muted] = await RoomFactory.merge({ ownerId: bob.id }).createMany(3)
      await joinRooms(ana, [busy], { favourite: true })
      await joinRooms(ana, [quiet])
      await joinRooms(ana, [muted], { notificationLevel: 'mentions' })
      await postThroughApi(bob, busy.id, 'hello')
      await postThroughApi(bob, muted.id, '@axe_ana hello')
      await browserContext.setCookie('theme', theme)
      await browserContext.loginAs(ana)

      const page = await visit(`/rooms/${quiet.id}`)
      await page.locator('[data-sidebar-rooms] .badge.unread').waitFor()
      await page.locator('[data-sidebar-rooms] .badge.mention').waitFor()
      assert.deepEqual(await axeViolations(page), [])
      await page.setViewportSize(phone)
      await page.getByRole('button', { name: 'Your rooms' }).click()
      await page.getByRole('navigation', { name: 'Your rooms' }).waitFor()
      assert.deepEqual(await axeViolations(page), [])
    })
  }
})

import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import ReadMarkerService from '#services/rooms/read_marker_service'
import app from '@adonisjs/core/services/app'
import { joinRooms } from '#tests/helpers/memberships'

/**
 * Where an element is, relative to the visible part of the window: above, visible or below
 */
function placeOf(page: Page, selector: string) {
  return page.evaluate((wanted) => {
    const box = document.querySelector(wanted)!.getBoundingClientRect()
    if (box.bottom <= 0) return 'above'
    if (box.top >= window.innerHeight) return 'below'
    return 'visible'
  }, selector)
}

/**
 * Whether the newest message is in the visible part of the window
 */
function atLatest(page: Page) {
  return placeOf(page, '#messages .message:last-child').then((place) => place === 'visible')
}

test.group('Browser: opening at the first unread, jump bars', (group) => {
  group.each.setup(() => truncateTables())

  test('the room opens at the first unread; the bars jump to the latest and back', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_reader' }).create()
    const bo = await UserFactory.merge({ username: 'bo_writer' }).create()
    const room = await createRoomWithMessages(bo, 60, { authors: [bo] })
    await joinRooms(ana, [room])
    const markers = await app.container.make(ReadMarkerService)
    await markers.markRead(ana.id, room.id, 20)
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.locator('#online-list li', { hasText: 'ana_reader' }).waitFor()

    const unreadBar = page.getByRole('button', { name: 'Jump to first unread' })
    const latestBar = page.getByRole('button', { name: 'Jump to latest' })
    assert.equal(await placeOf(page, '#unread-divider'), 'visible')
    assert.equal(await placeOf(page, '#message-21'), 'visible')
    assert.isFalse(await atLatest(page))
    await latestBar.waitFor()
    assert.isTrue(await unreadBar.isHidden())

    await latestBar.click()
    await latestBar.waitFor({ state: 'hidden' })
    assert.isTrue(await atLatest(page))
    assert.equal(await placeOf(page, '#unread-divider'), 'above')
    await unreadBar.waitFor()
    assert.isTrue(
      await page.evaluate(() => document.activeElement?.id === 'message-text'),
      'focus back in the message box'
    )

    await unreadBar.click()
    await unreadBar.waitFor({ state: 'hidden' })
    assert.equal(await placeOf(page, '#unread-divider'), 'visible')
    assert.isTrue(await page.evaluate(() => document.activeElement?.id === 'message-21'))
    await latestBar.waitFor()
  })

  test('more unread messages than a page holds: the room still opens at the first unread', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_reader' }).create()
    const bo = await UserFactory.merge({ username: 'bo_writer' }).create()
    const room = await createRoomWithMessages(bo, 200, { authors: [bo] })
    await joinRooms(ana, [room])
    const markers = await app.container.make(ReadMarkerService)
    await markers.markRead(ana.id, room.id, 20)
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.locator('#online-list li', { hasText: 'ana_reader' }).waitFor()

    assert.equal(await placeOf(page, '#unread-divider'), 'visible')
    assert.equal(await placeOf(page, '#message-21'), 'visible')
    // Ten read messages above the first unread, then all 180 unread ones
    assert.equal(await page.locator('#messages .message').count(), 190)
    assert.equal(await page.locator('#messages .message').first().getAttribute('id'), 'message-11')
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor()
  })

  test('with nothing unread the room opens at the latest message, no bar shown', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await createRoomWithMessages(ana, 60)
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.locator('#online-list li').first().waitFor()

    assert.equal(await page.locator('#unread-divider').count(), 0)
    assert.isTrue(await atLatest(page))
    assert.isTrue(await page.getByRole('button', { name: 'Jump to latest' }).isHidden())
    assert.isTrue(await page.getByRole('button', { name: 'Jump to first unread' }).isHidden())

    // Scroll to the top of whatever scrolls the list: its pane, or the page
    await page.locator('#messages .message').first().scrollIntoViewIfNeeded()
    await page.getByRole('button', { name: 'Jump to latest' }).waitFor()
  })
})

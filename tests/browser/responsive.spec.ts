/// <reference lib="dom" />

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import type { Page } from 'playwright'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import DirectMessageService from '#services/people/direct_message_service'
import env from '#start/env'

const phone = { width: 360, height: 740 }
const desktop = { width: 1280, height: 800 }

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * Pixels by which the page is wider than the screen (0: no horizontal scrolling)
 */
function horizontalOverflow(page: Page) {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  )
}

/**
 * Whether the message box and the Send button are entirely on screen
 */
function sendBoxOnScreen(page: Page) {
  return page.evaluate(() =>
    ['#message-text', '#send-form button[type=submit]'].every((selector) => {
      const box = document.querySelector(selector)!.getBoundingClientRect()
      return (
        box.top >= 0 &&
        box.left >= 0 &&
        box.bottom <= window.innerHeight &&
        box.right <= window.innerWidth
      )
    })
  )
}

/**
 * Visible controls smaller than 44 × 44 px ("tag text: w×h"); links inside
 * running text are exempt, a labelled control passes when its label is big enough
 */
function smallTouchTargets(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('a, button, input, textarea, summary'))
      .filter((element) => element.checkVisibility() && !element.matches('p > a, .skip-link'))
      // a control is hit through itself or its label (a radio in the label that wraps it, a
      // visually hidden file input through its button-like label): one of them is big enough
      .map((element) => {
        const label = (element as HTMLInputElement).labels?.[0] ?? element.closest('label')
        const boxes = [element, label]
          .filter((candidate) => candidate !== null)
          .map((candidate) => candidate.getBoundingClientRect())
        const big = boxes.find((box) => box.width >= 44 && box.height >= 44)
        return { element, box: big ?? boxes[0] }
      })
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ element, box }) => {
        const label = element.textContent?.trim() || element.id
        return `${element.tagName.toLowerCase()} ${label}: ${box.width}×${box.height}`
      })
  )
}

/**
 * Height in pixels of the page's header: the site header, and on a room page the room's header
 * with it (the top of the one to the bottom of the other)
 */
function headerHeight(page: Page) {
  return page.evaluate(() => {
    const boxes = ['.site-header', '.room-header']
      .map((selector) => document.querySelector(selector)?.getBoundingClientRect())
      .filter((box) => box !== undefined)
    return Math.max(...boxes.map((box) => box.bottom)) - Math.min(...boxes.map((box) => box.top))
  })
}

/**
 * Widths of the composer's form, its message box and its file button
 */
function composerWidths(page: Page) {
  return page.evaluate(() => {
    const width = (selector: string) =>
      document.querySelector(selector)!.getBoundingClientRect().width
    return {
      form: width('#send-form'),
      text: width('#message-text'),
      file: width('.composer-file-button'),
    }
  })
}

/**
 * Whether the bottom of the composer is inside the window
 */
function composerBottomOnScreen(page: Page) {
  return page.evaluate(
    () => document.querySelector('.composer')!.getBoundingClientRect().bottom <= window.innerHeight
  )
}

test.group('Browser: phone and desktop layouts', (group) => {
  group.each.setup(() => truncateTables())

  for (const [name, viewport] of Object.entries({ phone, desktop })) {
    test(`${name} (${viewport.width}×${viewport.height}): no horizontal scrolling, 44 px targets, send box on screen`, async ({
      visit,
      browserContext,
      assert,
    }) => {
      const user = await UserFactory.merge({ username: 'a_rather_long_username_here' }).create()
      const room = await createRoomWithMessages(user, 50, {
        name: 'Phòng Việt Nam — a room with quite a long name to wrap',
        description: 'Trò chuyện bằng tiếng Việt về mọi thứ: sách, phim, du lịch và ẩm thực.',
      })
      const page = await visit('/')
      await page.setViewportSize(viewport)
      const pages = ['/', '/register', '/login', '/rooms', '/rooms?q=viet', `/rooms/${room.id}`]
      // On a phone the navigation and the preferences are in the header's menu
      const menu = page.getByRole('button', { name: 'Menu' })

      for (const [index, path] of pages.entries()) {
        if (index === 3) await browserContext.loginAs(user)
        await page.goto(path)
        if (viewport === phone) await menu.click()
        await page.locator('details.preferences summary').click()
        assert.equal(await horizontalOverflow(page), 0, path)
        assert.deepEqual(await smallTouchTargets(page), [], path)
      }

      await page.locator('details.preferences summary').click()
      if (viewport === phone) await page.keyboard.press('Escape')
      await page.evaluate(() => window.scrollTo(0, 0))
      assert.isTrue(await sendBoxOnScreen(page), 'at the top of the room page')
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      assert.isTrue(await sendBoxOnScreen(page), 'at the bottom of the room page')
    })
  }

  test('phone (360×740): one header row and the composer on screen on every main page; the menu opens and closes', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'phone_ana', displayName: 'Ana' }).create()
    const bob = await UserFactory.merge({ username: 'phone_bob' }).create()
    const room = await createRoomWithMessages(ana, 50, {
      name: 'Phòng Việt Nam — a room with quite a long name to wrap',
      description: 'Trò chuyện bằng tiếng Việt về mọi thứ: sách, phim, du lịch và ẩm thực.',
    })
    const { room: direct } = await new DirectMessageService().open(ana, [bob.username])
    await browserContext.loginAs(ana)
    const page = await visit('/account')
    await page.setViewportSize(phone)

    const roomPages = [`/rooms/${room.id}`, `/rooms/${direct.id}`]
    const otherPages = [
      '/rooms',
      '/direct',
      `/rooms/${room.id}/settings`,
      '/account',
      '/search?q=library',
    ]
    for (const path of [...roomPages, ...otherPages]) {
      await page.goto(path)
      assert.equal(await horizontalOverflow(page), 0, path)
      // One row: a 44 px control and its padding
      assert.isAtMost(await headerHeight(page), 56, path)
      if (roomPages.includes(path)) {
        assert.isTrue(await composerBottomOnScreen(page), path)
        const widths = await composerWidths(page)
        assert.isAtMost(widths.file, 44, path)
        assert.isAbove(widths.text, widths.form / 2, path)
      }
    }

    // The menu: a popover with the navigation, the account and the preferences
    await page.goto(`/rooms/${room.id}`)
    const menu = page.getByRole('button', { name: 'Menu' })
    const navigation = page.getByRole('navigation', { name: 'Main' })
    assert.isFalse(await navigation.isVisible())
    await menu.click()
    await navigation.waitFor()
    assert.equal(await horizontalOverflow(page), 0)
    assert.deepEqual(await smallTouchTargets(page), [])
    await page.keyboard.press('Escape')
    await navigation.waitFor({ state: 'hidden' })
    await menu.click()
    await navigation.getByRole('link', { name: 'Account' }).click()
    await page.waitForURL('**/account')
    assert.isAtMost(await headerHeight(page), 56)
  })

  test('phone without JavaScript: the menu still opens, its links work', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'phone_nojs' }).create()
    const room = await createRoomWithMessages(ana, 3, { name: 'Quiet room' })
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone })
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    assert.isAtMost(await headerHeight(page), 56)
    assert.isTrue(await composerBottomOnScreen(page))
    await page.getByRole('button', { name: 'Menu' }).click()
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Search' })
      .click()
    await page.waitForURL('**/search')
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Search messages')
  })
})

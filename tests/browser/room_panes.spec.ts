/// <reference lib="dom" />

import { test } from '@japa/runner'
import type { TestContext } from '@japa/runner/core'
import type { Page } from 'playwright'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import env from '#start/env'

const wide = { width: 1280, height: 800 }
const narrow = { width: 800, height: 800 }

/**
 * Top edges, in pixels from the window's top, of the room header and the composer, and how far
 * the window itself is scrolled
 */
function fixedParts(page: Page) {
  return page.evaluate(() => ({
    header: document.querySelector('.room-header')!.getBoundingClientRect().top,
    composer: document.querySelector('.composer')!.getBoundingClientRect().top,
    windowScroll: window.scrollY,
  }))
}

/**
 * Whether the element focused now is inside the members pane
 */
function focusInPane(page: Page) {
  return page.evaluate(() =>
    document.getElementById('room-aside')!.contains(document.activeElement)
  )
}

/**
 * A fresh room of three messages opened by its owner at `viewport`, with the member count's
 * button and the members pane
 */
async function openRoom(
  visit: TestContext['visit'],
  browserContext: TestContext['browserContext'],
  viewport: { width: number; height: number }
) {
  const ana = await UserFactory.create()
  const room = await createRoomWithMessages(ana, 3)
  await browserContext.loginAs(ana)
  const page = await visit(`/rooms/${room.id}`)
  await page.setViewportSize(viewport)
  return {
    page,
    button: page.getByRole('button', { name: /\d+ members?/ }),
    pane: page.getByRole('complementary', { name: 'Members' }),
  }
}

test.group('Browser: the room’s header stays, the members pane collapses', (group) => {
  group.each.setup(() => truncateTables())

  test('scrolling the messages moves only the messages: header and composer stay in place', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await createRoomWithMessages(ana, 80)
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.setViewportSize(wide)
    await page.locator('#online-list li').first().waitFor()

    const before = await fixedParts(page)
    const scroller = page.locator('.message-scroller')
    const scrolled = await scroller.evaluate((element) => {
      const from = element.scrollTop
      element.scrollTop = 0
      return from - element.scrollTop
    })
    assert.isAbove(scrolled, 500, 'the list itself scrolls')
    await page.locator('#messages .message').first().scrollIntoViewIfNeeded()
    await page.mouse.move(wide.width / 2, wide.height / 2)
    await page.mouse.wheel(0, -2000)
    assert.deepEqual(await fixedParts(page), before)
    assert.isTrue(await page.locator('.room-header').isVisible())
    assert.isTrue(await page.locator('#message-text').isVisible())
  })

  test('on a wide screen the pane is open, hides with its button, and stays hidden after a reload', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { page, button, pane } = await openRoom(visit, browserContext, wide)

    assert.equal(await button.getAttribute('aria-expanded'), 'true')
    assert.equal(await button.getAttribute('aria-controls'), 'room-aside')
    assert.isTrue(await pane.isVisible())
    const openWidth = await page.locator('.chat-main').evaluate((main) => main.clientWidth)

    await button.click()
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    assert.isTrue(await pane.isHidden())
    const closedWidth = await page.locator('.chat-main').evaluate((main) => main.clientWidth)
    assert.isAbove(closedWidth, openWidth, 'the messages take the freed space')

    await page.reload()
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    assert.isTrue(await pane.isHidden())

    await button.press('Enter')
    assert.equal(await button.getAttribute('aria-expanded'), 'true')
    await page.reload()
    assert.isTrue(await pane.isVisible())
    assert.equal(await button.getAttribute('aria-expanded'), 'true')
  })

  test('on a narrow screen the pane opens over the messages with focus; Escape or a click elsewhere closes it', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const { page, button, pane } = await openRoom(visit, browserContext, narrow)

    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    assert.isTrue(await pane.isHidden())

    await button.click()
    assert.equal(await button.getAttribute('aria-expanded'), 'true')
    assert.isTrue(await pane.isVisible())
    assert.isTrue(await focusInPane(page))
    assert.equal(
      await pane.evaluate((aside) => getComputedStyle(aside).position),
      'absolute',
      'over the messages, not beside them'
    )

    await page.keyboard.press('Escape')
    assert.isTrue(await pane.isHidden())
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    assert.isTrue(
      await button.evaluate((element) => element === document.activeElement),
      'focus back on the button'
    )

    await button.click()
    assert.isTrue(await pane.isVisible())
    await page.locator('.room-name').click()
    assert.isTrue(await pane.isHidden())
    assert.equal(await button.getAttribute('aria-expanded'), 'false')

    // Hiding is remembered on wide screens only: a narrow screen always starts closed
    await page.setViewportSize(wide)
    assert.isTrue(await pane.isVisible())
    // The button follows the media query's change event
    await page.locator('[aria-controls="room-aside"][aria-expanded="true"]').waitFor()
  })

  test('without JavaScript the member count links to the pane, which opens as the page’s target', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.create()
    const room = await createRoomWithMessages(ana, 3)
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: narrow })
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(`http://${env.get('HOST')}:${env.get('PORT')}/rooms/${room.id}`)
    const pane = page.getByRole('complementary', { name: 'Members' })

    assert.isTrue(await pane.isHidden())
    await page.getByRole('link', { name: /\d+ members?/ }).click()
    await page.waitForURL('**#room-members')
    assert.isTrue(await pane.isVisible())
    assert.isTrue(await page.getByRole('heading', { name: 'Members' }).isVisible())
  })
})

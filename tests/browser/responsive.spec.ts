/// <reference lib="dom" />

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import app from '@adonisjs/core/services/app'
import type { Page } from 'playwright'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'

const phone = { width: 360, height: 740 }
const desktop = { width: 1280, height: 800 }

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
 * running text are exempt, a control inside a label is measured by its label
 */
function smallTouchTargets(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('a, button, input, textarea, summary'))
      .filter((element) => element.checkVisibility() && !element.matches('p > a, .skip-link'))
      // a radio or checkbox is hit through the label that wraps it
      .map((element) => ({
        element,
        box: (element.closest('label') ?? element).getBoundingClientRect(),
      }))
      .filter(({ box }) => box.width < 44 || box.height < 44)
      .map(({ element, box }) => {
        const label = element.textContent?.trim() || element.id
        return `${element.tagName.toLowerCase()} ${label}: ${box.width}×${box.height}`
      })
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

      for (const [index, path] of pages.entries()) {
        if (index === 3) await browserContext.loginAs(user)
        await page.goto(path)
        await page.locator('details.preferences summary').click()
        assert.equal(await horizontalOverflow(page), 0, path)
        assert.deepEqual(await smallTouchTargets(page), [], path)
      }

      await page.locator('details.preferences summary').click()
      await page.evaluate(() => window.scrollTo(0, 0))
      assert.isTrue(await sendBoxOnScreen(page), 'at the top of the room page')
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      assert.isTrue(await sendBoxOnScreen(page), 'at the bottom of the room page')
    })
  }

  test('screenshots for the README: light, dark, phone, Vietnamese', async ({
    visit,
    browserContext,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const binh = await UserFactory.merge({ username: 'binh' }).create()
    const room = await createRoomWithMessages(ana, 6, {
      name: 'Book club',
      description: 'One book a month, talked over on Fridays.',
      authors: [ana, binh],
      bodies: [
        'Has everyone finished “The Remains of the Day”?',
        'Almost! Two chapters to go.',
        'Chào cả nhà! Tháng sau mình đọc “Nỗi buồn chiến tranh” nhé?',
        'Yes, and I can bring the Vietnamese edition.',
        'Friday at 6 pm at the library, as usual?',
        'Works for me. See you there!',
      ],
    })
    await browserContext.loginAs(ana)
    const shots = [
      { file: 'light.png', theme: 'light', locale: 'en', viewport: desktop },
      { file: 'dark.png', theme: 'dark', locale: 'en', viewport: desktop },
      { file: 'phone.png', theme: 'light', locale: 'en', viewport: phone },
      { file: 'vietnamese.png', theme: 'light', locale: 'vi', viewport: desktop },
    ]
    const page = await visit('/')
    for (const shot of shots) {
      await browserContext.setCookie('theme', shot.theme)
      await browserContext.setCookie('locale', shot.locale)
      await page.setViewportSize(shot.viewport)
      await page.goto(`/rooms/${room.id}`)
      await page.locator('#online-list li', { hasText: 'ana' }).waitFor({ state: 'attached' })
      await page.screenshot({ path: app.makePath('docs/screenshots', shot.file), fullPage: true })
    }
  })
})

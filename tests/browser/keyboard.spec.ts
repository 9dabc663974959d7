/// <reference lib="dom" />

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import User from '#models/user'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { focused, tabTo } from '#tests/helpers/keyboard'

test.group('Browser: keyboard only', (group) => {
  group.each.setup(() => truncateTables())

  test('register, create, send, search, open, load older, switch theme, log out', async ({
    visit,
    assert,
  }) => {
    const host = await UserFactory.merge({ username: 'host_user' }).create()
    const archive = await createRoomWithMessages(host, 60, { name: 'Sổ tay lưu trữ' })
    const page = await visit('/')

    // The skip link comes first and moves focus to the main content
    await page.keyboard.press('Tab')
    assert.include(await focused(page), { text: 'Skip to content' })
    await page.keyboard.press('Enter')
    assert.include(await focused(page), { id: 'main' })

    // Register
    await tabTo(page, (element) => element.text === 'Create an account')
    await page.keyboard.press('Enter')
    await page.waitForURL('**/register')
    await tabTo(page, (element) => element.id === 'username')
    await page.keyboard.type('keyboard_kim')
    // The e-mail address is optional: left empty
    await page.keyboard.press('Tab')
    assert.include(await focused(page), { id: 'email' })
    await page.keyboard.press('Tab')
    await page.keyboard.type('long-password')
    await page.keyboard.press('Tab')
    await page.keyboard.type('long-password')
    await tabTo(page, (element) => element.id === 'username', { backwards: true })
    assert.include(await focused(page), { value: 'keyboard_kim' })
    await tabTo(page, (element) => element.text === 'Create account')
    await page.keyboard.press('Enter')
    await page.waitForURL('**/rooms')
    assert.isNotNull(await User.findBy('username', 'keyboard_kim'))

    // Create a room
    await tabTo(page, (element) => element.id === 'name')
    await page.keyboard.type('Phòng Việt Nam')
    await page.keyboard.press('Tab')
    await page.keyboard.type('Nói chuyện bằng bàn phím')
    await page.keyboard.press('Tab')
    assert.include(await focused(page), { value: 'public' })
    await page.keyboard.press('Tab')
    assert.include(await focused(page), { text: 'Create room' })
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/rooms\/\d+$/)
    const room = await Room.findByOrFail('name', 'Phòng Việt Nam')

    // Send a message: Enter sends, and Tab leaves the message box (no trap)
    await tabTo(page, (element) => element.id === 'message-text')
    await page.keyboard.type('Xin chào!')
    await page.keyboard.press('Enter')
    await page.locator('#messages .message[data-seq="1"]:not(.pending)').waitFor()
    assert.equal(await page.locator('#messages .message .text').last().textContent(), 'Xin chào!')
    assert.include(await focused(page), { id: 'message-text' })
    await page.keyboard.press('Tab')
    assert.notInclude(await focused(page), { id: 'message-text' })
    await tabTo(page, (element) => element.text === 'Send')
    await room.refresh()
    assert.equal(room.lastSeq, 1)

    // Search, without diacritics, and open the archive
    await tabTo(page, (element) => element.text === 'Rooms', { backwards: true })
    await page.keyboard.press('Enter')
    await page.waitForURL('**/rooms')
    await tabTo(page, (element) => element.id === 'q')
    await page.keyboard.type('so tay')
    await page.keyboard.press('Enter')
    // The browse page's form also sends its sort order
    await page.waitForURL(
      (url) => url.pathname === '/rooms' && url.searchParams.get('q') === 'so tay'
    )
    await tabTo(page, (element) => element.text === 'Sổ tay lưu trữ')
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/rooms/${archive.id}`)

    // Load the older messages; focus lands on the start of the room
    await page.locator('#online-list li', { hasText: 'keyboard_kim' }).waitFor()
    await tabTo(page, (element) => element.text === 'Older messages')
    await page.keyboard.press('Enter')
    await page.locator('#room-start').waitFor()
    assert.include(await focused(page), { id: 'room-start' })
    assert.equal(await page.locator('#older-messages .message').count(), 10)
    assert.equal(await page.locator('#messages .message').count(), 50)

    // Open the theme panel, close it with Escape, then choose the dark theme
    await tabTo(page, (element) => element.text === 'Theme and language', { backwards: true })
    await page.keyboard.press('Enter')
    assert.isTrue(
      await page.locator('details.preferences').evaluate((el) => el.hasAttribute('open'))
    )
    await page.keyboard.press('Tab')
    await page.keyboard.press('Escape')
    assert.isFalse(
      await page.locator('details.preferences').evaluate((el) => el.hasAttribute('open'))
    )
    assert.include(await focused(page), { text: 'Theme and language' })
    await page.keyboard.press('Enter')
    await tabTo(page, (element) => element.text === 'Dark')
    await page.keyboard.press('Enter')
    await page.waitForURL(`**/rooms/${archive.id}`)
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark')

    // Log out
    await tabTo(page, (element) => element.text === 'Log out')
    await page.keyboard.press('Enter')
    await page.waitForURL('**/login')
    assert.equal(await page.locator('html').getAttribute('data-theme'), 'dark')
  })
})

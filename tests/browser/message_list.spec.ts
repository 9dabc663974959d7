/// <reference lib="dom" />

import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import type { Page } from 'playwright'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { chooseFromMenu, messageMenuButton } from '#tests/helpers/message_menu'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import ReadMarkerService from '#services/rooms/read_marker_service'
import { waitUntil } from '#tests/helpers/chat_load'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * The message list (#messages) as comparable markup: each row's tag, attributes (sorted; the
 * per-request CSRF token and the menu numbers left out) and children, without the whitespace
 * between tags that Edge writes
 */
function listMarkup(page: Page) {
  return page.locator('#messages').evaluate((list) => {
    const describe = (node: Node): unknown => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent!.trim() || null
      if (!(node instanceof Element)) return null
      const attributes = node
        .getAttributeNames()
        .sort()
        .map((name) => {
          const value = node.getAttribute(name)!
          if (name === 'value' && node.getAttribute('name') === '_csrf') return `${name}=<csrf>`
          return `${name}=${value.replace(/\bmenu-\d+/g, 'menu-N')}`
        })
      const children = Array.from(node.childNodes, describe).filter((child) => child !== null)
      return [node.tagName.toLowerCase(), attributes, children]
    }
    return Array.from(list.children, describe)
  })
}

test.group('Browser: the message list', (group) => {
  group.each.setup(() => truncateTables())

  test('at least 20 one-line messages are visible in an 800 px high window', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const binh = await UserFactory.merge({ username: 'binh' }).create()
    const chi = await UserFactory.merge({ username: 'chi' }).create()
    // Runs of 4, 3 and 3 messages by three people, as a conversation goes
    const room = await createRoomWithMessages(ana, 40, {
      authors: [ana, ana, ana, ana, binh, binh, binh, chi, chi, chi],
      bodies: ['Sounds good to me.', 'On my way!', 'Can you share the link?', 'Thanks 🙏'],
    })
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.locator('#online-list li', { hasText: 'ana' }).waitFor()

    const measured = await page.evaluate(() => {
      const pane = document.getElementById('message-scroller')!.getBoundingClientRect()
      const rows = Array.from(document.querySelectorAll('#messages .message'))
      const visible = rows.filter((row) => {
        const box = row.getBoundingClientRect()
        return box.top >= pane.top && box.bottom <= pane.bottom
      })
      return {
        visible: visible.length,
        oneLine: visible.every((row) => row.querySelector('.text')!.getClientRects().length === 1),
        atBottom: document.getElementById('message-scroller')!.scrollTop > 0,
      }
    })
    assert.isTrue(measured.oneLine)
    assert.isTrue(measured.atBottom, 'the page opens at the newest messages')
    assert.isAtLeast(measured.visible, 20)
  })

  test('live messages, edits and deletions get the markup the server renders', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_live' }).create()
    const binh = await UserFactory.merge({ username: 'binh_live' }).create()
    const room = await RoomFactory.merge({ name: 'Markup room', ownerId: ana.id }).create()
    const anaContext = await browser.newContext()
    const binhContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([anaContext.close(), binhContext.close()])
    })
    await anaContext.loginAs(ana)
    await binhContext.loginAs(binh)
    const anaPage = await anaContext.newPage()
    const binhPage = await binhContext.newPage()
    await anaPage.goto(pageUrl(`/rooms/${room.id}`))
    await binhPage.goto(pageUrl(`/rooms/${room.id}`))
    await anaPage.locator('#online-list li', { hasText: 'binh_live' }).waitFor()

    // Each message reaches both pages before the next is sent, so they are listed in seq order
    let seq = 0
    const say = async (page: Page, text: string) => {
      seq += 1
      await page.locator('#message-text').fill(text)
      await page.locator('#message-text').press('Enter')
      for (const reader of [anaPage, binhPage]) {
        await reader.locator(`#messages .message[data-seq="${seq}"]:not(.pending)`).waitFor()
      }
    }
    await say(anaPage, 'Hello **everyone**')
    await say(anaPage, 'Meeting at 5')
    await say(binhPage, 'Hi @ana_live, see you <b>there</b>')
    await say(anaPage, 'to be deleted')
    await say(anaPage, 'last one')
    const onBinh = binhPage.locator('#messages .message')

    // Ana edits message 2 and deletes message 4
    const second = anaPage.locator('#messages .message[data-seq="2"]')
    await chooseFromMenu(second, 'Edit')
    await second.getByRole('textbox', { name: 'Edit your message' }).fill('Meeting at *6*')
    await second.getByRole('textbox', { name: 'Edit your message' }).press('Enter')
    await chooseFromMenu(anaPage.locator('#messages .message[data-seq="4"]'), 'Delete')
    await anaPage.getByRole('button', { name: 'Delete message' }).click()
    await binhPage.locator('#messages .message.deleted[data-seq="4"]').waitFor()
    await binhPage.locator('#messages .message[data-seq="2"] .edited').waitFor()
    await anaPage.locator('#messages .message.deleted[data-seq="4"]').waitFor()

    // Both grouped as the server groups: Ana's run, Binh, Ana again
    assert.deepEqual(
      await onBinh.evaluateAll((rows) => rows.map((row) => row.classList.contains('group-start'))),
      [true, false, true, true, false]
    )
    // Both have read everything (else the reload would show a "New messages" divider)
    const markers = await app.container.make(ReadMarkerService)
    for (const reader of [ana, binh]) {
      await waitUntil(async () => (await markers.marker(reader.id, room.id)) === 5, 'read to 5')
    }
    for (const page of [anaPage, binhPage]) {
      const live = await listMarkup(page)
      await page.reload()
      await page.locator('#online-list li').first().waitFor()
      assert.deepEqual(live, await listMarkup(page))
      assert.equal(await page.locator('#messages .day-separator').innerText(), 'Today')
    }
  })

  test('the message menu by keyboard: arrows, Home, End, Escape, Tab; Edit and Delete', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_keys' }).create()
    const room = await createRoomWithMessages(ana, 2, { bodies: ['first', 'second'] })
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.locator('#online-list li', { hasText: 'ana_keys' }).waitFor()
    const row = page.locator('#messages .message[data-seq="2"]')
    const button = messageMenuButton(row)
    const active = () =>
      page.evaluate(
        () =>
          document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent
      )

    // The button is reachable with Tab from the first message's and shows on focus
    await messageMenuButton(page.locator('#messages .message[data-seq="1"]')).focus()
    await page.keyboard.press('Tab')
    assert.equal(await active(), await button.getAttribute('aria-label'))
    assert.equal(
      await button.evaluate((element) => getComputedStyle(element.parentElement!).opacity),
      '1'
    )
    assert.equal(await button.getAttribute('aria-expanded'), 'false')

    await page.keyboard.press('ArrowDown')
    assert.equal(await button.getAttribute('aria-expanded'), 'true')
    assert.equal(await active(), 'Edit')
    await page.keyboard.press('ArrowDown')
    assert.equal(await active(), 'React')
    await page.keyboard.press('ArrowDown')
    assert.equal(await active(), 'Reply')
    await page.keyboard.press('ArrowDown')
    assert.equal(await active(), 'Pin')
    await page.keyboard.press('ArrowDown')
    assert.equal(await active(), 'Delete')
    await page.keyboard.press('ArrowDown')
    assert.equal(await active(), 'Edit')
    await page.keyboard.press('ArrowUp')
    assert.equal(await active(), 'Delete')
    await page.keyboard.press('Home')
    assert.equal(await active(), 'Edit')
    await page.keyboard.press('End')
    assert.equal(await active(), 'Delete')
    await page.keyboard.press('Escape')
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
    assert.isTrue(await row.getByRole('menu').isHidden())
    assert.equal(await active(), await button.getAttribute('aria-label'))

    // ArrowUp opens on the last item; Tab closes the menu and moves on
    await page.keyboard.press('ArrowUp')
    assert.equal(await active(), 'Delete')
    await page.keyboard.press('Tab')
    assert.equal(await button.getAttribute('aria-expanded'), 'false')

    // Enter opens it on Edit; Enter edits in place; Escape gives focus back to the button
    await button.focus()
    await page.keyboard.press('Enter')
    assert.equal(await active(), 'Edit')
    await page.keyboard.press('Enter')
    const editor = row.getByRole('textbox', { name: 'Edit your message' })
    assert.equal(await editor.inputValue(), 'second')
    await page.keyboard.press('Escape')
    await editor.waitFor({ state: 'detached' })
    assert.equal(await active(), await button.getAttribute('aria-label'))

    // A click elsewhere closes an open menu
    await button.click()
    assert.equal(await button.getAttribute('aria-expanded'), 'true')
    await page
      .locator('#messages-heading')
      .evaluate((heading) => heading.closest('section')!.click())
    assert.equal(await button.getAttribute('aria-expanded'), 'false')
  })

  test('days and times follow the browser’s time zone, and the server learns it', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_tz' }).create()
    const room = await createRoomWithMessages(ana, 2, { bodies: ['late', 'later'] })
    // 23:30 yesterday and 00:30 today in Ho Chi Minh City (UTC+7), counted from its own date:
    // both fall on one UTC day (16:30 and 17:30), whatever the hour the test runs at
    const yesterday = DateTime.now()
      .setZone('Asia/Ho_Chi_Minh')
      .minus({ days: 1 })
      .set({ hour: 23, minute: 30, second: 0, millisecond: 0 })
      .toUTC()
    await Message.query()
      .where('room_id', room.id)
      .where('seq', 1)
      .update({ created_at: yesterday.toSQL() })
    await Message.query()
      .where('room_id', room.id)
      .where('seq', 2)
      .update({ created_at: yesterday.plus({ hours: 1 }).toSQL() })
    const context = await browser.newContext({ timezoneId: 'Asia/Ho_Chi_Minh', locale: 'en-US' })
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    const separators = () => page.locator('#messages .day-separator h3').allInnerTexts()
    const times = () => page.locator('#messages .message time').allInnerTexts()

    // The first page is rendered in UTC (both yesterday), then laid out again in the browser
    const firstHtml = await (await page.goto(pageUrl(`/rooms/${room.id}`)))!.text()
    assert.equal(firstHtml.match(/class="day-separator"/g)?.length, 1)
    await page.waitForFunction(
      () => document.querySelectorAll('#messages .day-separator').length === 2
    )
    assert.deepEqual(await separators(), ['Yesterday', 'Today'])
    assert.deepEqual(await times(), ['11:30 PM', '12:30 AM'])
    assert.deepEqual(
      await page
        .locator('#messages .message')
        .evaluateAll((rows) => rows.map((row) => row.classList.contains('group-start'))),
      [true, true]
    )

    // The tz cookie tells the server, which renders the same from then on
    const secondHtml = await (await page.reload())!.text()
    assert.equal(secondHtml.match(/class="day-separator"/g)?.length, 2)
    assert.include(secondHtml, '>12:30 AM</time>')
    assert.deepEqual(await separators(), ['Yesterday', 'Today'])
  })

  test('without JavaScript the menu is a disclosure: edit on its page, delete with its form', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_nojs' }).create()
    const room = await createRoomWithMessages(ana, 2, { bodies: ['keep me', 'remove me'] })
    const context = await browser.newContext({ javaScriptEnabled: false })
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))

    const first = page.locator('#message-1')
    assert.isTrue(await first.getByRole('link', { name: 'Edit' }).isHidden())
    await first.hover()
    await first.locator('details.message-menu > summary').click()
    await first.getByRole('link', { name: 'Edit' }).click()
    await page.waitForURL(`**/rooms/${room.id}/messages/1/edit`)
    assert.equal(await page.getByRole('textbox', { name: 'Message' }).inputValue(), 'keep me')
    await page.getByRole('textbox', { name: 'Message' }).fill('kept, **edited**')
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(`**/rooms/${room.id}#message-1`)
    assert.equal(await page.locator('#message-1 .text').innerText(), 'kept, edited')
    assert.equal(await page.locator('#message-1 .edited').innerText(), '(edited)')

    const second = page.locator('#message-2')
    await second.hover()
    await second.locator('details.message-menu > summary').click()
    await second.getByRole('button', { name: 'Delete' }).click()
    await page.locator('.alert-success', { hasText: 'Message deleted.' }).waitFor()
    assert.equal(await page.locator('#message-2 .text').innerText(), 'Message deleted')
    assert.equal(await page.locator('#message-2 details').count(), 0)
  })
})

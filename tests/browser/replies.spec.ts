/// <reference lib="dom" />

import { test } from '@japa/runner'
import type { Page, WebSocketRoute } from 'playwright'
import app from '@adonisjs/core/services/app'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { chooseFromMenu } from '#tests/helpers/message_menu'
import { axeViolations } from '#tests/helpers/axe'
import { waitUntil } from '#tests/helpers/chat_load'
import ReadMarkerService from '#services/rooms/read_marker_service'
import env from '#start/env'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * Rows `seqs` of the room's list as comparable markup: tag, sorted attributes (menu numbers and
 * the CSRF token left out) and children, without the whitespace between tags
 */
function rowsMarkup(page: Page, seqs: number[]) {
  return page.locator('#messages').evaluate((list, wanted) => {
    const describe = (node: Node): unknown => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent!.trim() || null
      if (!(node instanceof Element)) return null
      const attributes = node
        .getAttributeNames()
        .sort()
        .filter((name) => !(name === 'value' && node.getAttribute('name') === '_csrf'))
        .map((name) => `${name}=${node.getAttribute(name)!.replace(/\bmenu-\d+/g, 'menu-N')}`)
      const children = Array.from(node.childNodes, describe).filter((child) => child !== null)
      return [node.tagName.toLowerCase(), attributes, children]
    }
    return wanted.map((seq) => describe(list.querySelector(`[data-seq="${seq}"]`)!))
  }, seqs)
}

test.group('Browser: replies and threads', (group) => {
  group.each.setup(() => truncateTables())

  test('reply from the menu in the thread pane; the other page sees it live, in the list and in the pane', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_thread' }).create()
    const binh = await UserFactory.merge({ username: 'binh_thread' }).create()
    const room = await createRoomWithMessages(ana, 2, {
      bodies: ['Who brings the **snacks** on Friday?', 'And the drinks?'],
    })
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
    await anaPage.locator('#online-list li', { hasText: 'binh_thread' }).waitFor()

    // Binh replies to message 1 from its menu: the pane opens on it, focus in its reply box
    await chooseFromMenu(binhPage.locator('#messages .message[data-seq="1"]'), 'Reply')
    const binhPane = binhPage.getByRole('complementary', { name: 'Thread' })
    await binhPane.locator('.thread-root .text', { hasText: 'Who brings the snacks' }).waitFor()
    const box = binhPane.getByRole('textbox', { name: 'Reply in the thread' })
    assert.isTrue(await box.evaluate((element) => element === document.activeElement))
    await box.fill('I will!')
    await box.press('Enter')
    await binhPane.locator('.thread-replies .text', { hasText: 'I will!' }).waitFor()
    assert.equal(await binhPane.locator('.thread-count-line').innerText(), '1 reply')

    // Ana sees the reply in the list under a quote of its root, and the root's "1 reply"
    const reply = anaPage.locator('#messages .message[data-seq="3"]')
    await reply.locator('.text', { hasText: 'I will!' }).waitFor()
    assert.equal(
      await reply.locator('.reply-quote').textContent(),
      'In reply to ana_thread Who brings the **snacks** on Friday?'
    )
    const link = anaPage.locator('#messages .message[data-seq="1"] .thread-link')
    assert.match((await link.textContent()) ?? '', /^1 reply last reply \d/)

    // The live rows are what the server renders after a reload
    const markers = await app.container.make(ReadMarkerService)
    await waitUntil(async () => (await markers.marker(ana.id, room.id)) === 3, 'read to 3')
    const live = await rowsMarkup(anaPage, [1, 3])
    await anaPage.reload()
    await anaPage.locator('#online-list li', { hasText: 'binh_thread' }).waitFor()
    assert.deepEqual(await rowsMarkup(anaPage, [1, 3]), live)

    // Ana opens the thread from "1 reply"; Binh's next reply reaches her pane live
    await anaPage.locator('#messages .message[data-seq="1"] .thread-link').click()
    const anaPane = anaPage.getByRole('complementary', { name: 'Thread' })
    await anaPane.locator('.thread-replies .text', { hasText: 'I will!' }).waitFor()
    await box.fill('Chips and fruit')
    await box.press('Enter')
    await anaPane.locator('.thread-replies .text', { hasText: 'Chips and fruit' }).waitFor()
    assert.equal(await anaPane.locator('.thread-count-line').innerText(), '2 replies')
    assert.match(
      await anaPage.locator('#messages .message[data-seq="1"] .thread-link').innerText(),
      /^2 replies/
    )
    assert.deepEqual(await axeViolations(anaPage), [])

    // Escape closes the pane and gives focus back to the link that opened it
    await anaPane.getByRole('textbox').press('Escape')
    await anaPane.waitFor({ state: 'hidden' })
    assert.isTrue(
      await anaPage
        .locator('#messages .message[data-seq="1"] .thread-link')
        .evaluate((element) => element === document.activeElement)
    )

    // The thread's own unread marker: a reply by Binh while Ana's pane is closed marks the
    // link "new"; opening the thread shows "New replies" before it and clears the mark
    await box.fill('See you there')
    await box.press('Enter')
    const rootLink = anaPage.locator('#messages .message[data-seq="1"] .thread-link')
    await rootLink.locator('.thread-unread', { hasText: 'new' }).waitFor()
    await rootLink.click()
    await anaPane.locator('.thread-replies .text', { hasText: 'See you there' }).waitFor()
    assert.deepEqual(
      await anaPane
        .locator('.thread-replies > li')
        .evaluateAll((items) =>
          items.map((item) => item.querySelector('.text')?.textContent ?? item.textContent)
        ),
      ['I will!', 'Chips and fruit', 'New replies', 'See you there']
    )
    assert.equal(await rootLink.locator('.thread-unread').count(), 0)

    const stored = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      stored.map((message) => [message.seq, message.replyTo, message.body]),
      [
        [1, null, 'Who brings the **snacks** on Friday?'],
        [2, null, 'And the drinks?'],
        [3, 1, 'I will!'],
        [4, 1, 'Chips and fruit'],
        [5, 1, 'See you there'],
      ]
    )
  })

  test('a page that lost its connection catches up on replies and on its root’s deletion', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_offline' }).create()
    const bob = await UserFactory.merge({ username: 'bob_offline' }).create()
    const room = await createRoomWithMessages(ana, 1, { bodies: ['Lunch at noon?'] })
    const anaContext = await browser.newContext()
    const bobContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([anaContext.close(), bobContext.close()])
    })
    await anaContext.loginAs(ana)
    await bobContext.loginAs(bob)
    // Bob's chat socket goes through the test, which cuts both ends (and refuses new ones meanwhile)
    let cut = false
    const bobSockets: WebSocketRoute[] = []
    await bobContext.routeWebSocket(/./, (socket) => {
      if (cut) return socket.close({ code: 1013, reason: 'cut by the test' })
      bobSockets.push(socket, socket.connectToServer())
    })
    const anaPage = await anaContext.newPage()
    const bobPage = await bobContext.newPage()
    await anaPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await anaPage.locator('#online-list li', { hasText: 'bob_offline' }).waitFor()

    cut = true
    await Promise.all(bobSockets.map((socket) => socket.close({ code: 1013, reason: 'cut' })))
    await bobPage.locator('#chat-status', { hasText: /Connection lost|Reconnecting/ }).waitFor()
    await chooseFromMenu(anaPage.locator('#message-1'), 'Reply')
    const box = anaPage.getByRole('textbox', { name: 'Reply in the thread' })
    await box.fill('Make it 12:30')
    await box.press('Enter')
    await anaPage.locator('#message-2 .reply-quote').waitFor()
    await chooseFromMenu(anaPage.locator('#message-1'), 'Delete')
    await anaPage.getByRole('button', { name: 'Delete message' }).click()
    await anaPage.locator('#message-2 .reply-quote-text.deleted-note').waitFor()
    assert.equal(await bobPage.locator('#message-2').count(), 0)

    cut = false
    const reply = bobPage.locator('#message-2')
    await reply.locator('.text', { hasText: 'Make it 12:30' }).waitFor()
    await reply.locator('.reply-quote-text.deleted-note', { hasText: 'Message deleted' }).waitFor()
    assert.match((await bobPage.locator('#message-1 .thread-link').textContent()) ?? '', /^1 reply/)
    assert.equal(await bobPage.locator('#message-1.deleted').count(), 1)
  })

  test('a quote scrolls to its root and highlights it; an edit of the root updates the quote', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_quote' }).create()
    const room = await createRoomWithMessages(ana, 30, { bodies: ['Plan for the trip'] })
    await Message.create({
      roomId: room.id,
      userId: ana.id,
      seq: 31,
      body: 'Count me in',
      bodyHtml: '<p>Count me in</p>',
      replyTo: 1,
    })
    room.lastSeq = 31
    await room.save()
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#online-list li', { hasText: 'ana_quote' }).waitFor()

    const quote = page.locator('#messages .message[data-seq="31"] .reply-quote')
    await quote.click()
    const root = page.locator('#messages .message[data-seq="1"]')
    await page.locator('#messages .message.highlighted[data-seq="1"]').waitFor()
    assert.isTrue(await root.evaluate((element) => element === document.activeElement))
    assert.isTrue(await root.isVisible())
    assert.equal(new URL(page.url()).pathname, `/rooms/${room.id}`)

    await chooseFromMenu(root, 'Edit')
    await root.getByRole('textbox', { name: 'Edit your message' }).fill('Plan for the *trip* v2')
    await root.getByRole('textbox', { name: 'Edit your message' }).press('Enter')
    await quote.locator('.reply-quote-text', { hasText: 'Plan for the *trip* v2' }).waitFor()
  })

  test('a quote of a message not on the page opens it in context; without JavaScript the quote is a link', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_far' }).create()
    const room = await createRoomWithMessages(ana, 60, { bodies: ['Old news'] })
    await Message.create({
      roomId: room.id,
      userId: ana.id,
      seq: 61,
      body: 'About that',
      bodyHtml: '<p>About that</p>',
      replyTo: 2,
    })
    room.lastSeq = 61
    await room.save()
    for (const javaScriptEnabled of [true, false]) {
      const context = await browser.newContext({ javaScriptEnabled })
      cleanup(() => context.close())
      await context.loginAs(ana)
      const page = await context.newPage()
      await page.goto(pageUrl(`/rooms/${room.id}`))
      await page.locator('#messages .message[data-seq="61"] .reply-quote').click()
      await page.waitForURL(pageUrl(`/rooms/${room.id}/messages/2`))
      assert.equal(
        await page.locator('.message.target').getAttribute('data-seq'),
        '2',
        `JavaScript ${javaScriptEnabled}`
      )
    }
  })

  test('the thread page (without the pane) lays a message out as the room does: its text under the name', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_page' }).create()
    const room = await createRoomWithMessages(ana, 1, { bodies: ['The root of it all'] })
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}/messages/1/replies`)
    const root = page.locator('.thread-messages .message[data-seq="1"]')
    await root.waitFor()
    const [textBox, authorBox] = await Promise.all([
      root.locator('.text').boundingBox(),
      root.locator('.author').boundingBox(),
    ])
    assert.isAtLeast(textBox!.x, authorBox!.x)
    assert.isAbove(textBox!.y, authorBox!.y)
  })
})

/// <reference lib="dom" />

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'

test.group('Browser: what screen readers hear in a room', (group) => {
  group.each.setup(() => truncateTables())

  test('new messages join the log once; history stays out of it; presence, typing and failures are announced', async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const binh = await UserFactory.merge({ username: 'binh' }).create()
    const room = await createRoomWithMessages(ana, 55)
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    const log = page.locator('[role=log]')
    const announcer = page.locator('#chat-announcer')
    await page.locator('#online-list li', { hasText: 'ana' }).waitFor()
    assert.equal(await log.locator('.message').count(), 50)

    const otherContext = await browser.newContext({ baseURL: page.url() })
    await otherContext.loginAs(binh)
    const other = await otherContext.newPage()
    await other.goto(`/rooms/${room.id}`)
    await other.locator('#online-list li', { hasText: 'binh' }).waitFor()
    await announcer.filter({ hasText: 'binh joined the room' }).waitFor()

    await other.locator('#message-text').pressSequentially('Hello')
    await announcer.filter({ hasText: 'binh is typing…' }).waitFor()
    await other.keyboard.press('Enter')
    const newest = log.locator('.message').last()
    await newest.filter({ hasText: 'Hello' }).waitFor()
    assert.equal(await newest.locator('.author').textContent(), 'binh')
    assert.equal(await newest.locator('.text').textContent(), 'Hello')
    assert.equal(await log.locator('.message').count(), 51)

    await page.locator('#message-text').fill('Xin chào')
    await page.keyboard.press('Enter')
    await log.locator('.message[data-seq="57"]').waitFor()
    assert.equal(await log.locator('.message', { hasText: 'Xin chào' }).count(), 1)
    assert.equal(await log.locator('.pending').count(), 0)

    await page.locator('#older-link').click()
    await page.locator('#older-messages .message').first().waitFor()
    assert.equal(await page.locator('#older-messages .message').count(), 5)
    assert.equal(await log.locator('.message').count(), 52)
    await page.locator('#chat-status', { hasText: 'Earlier messages loaded: 5' }).waitFor()

    // Nothing cuts an over-long message: it stays in the box and the status says why
    await page.locator('#message-text').fill('x'.repeat(5000))
    await page.keyboard.press('Enter')
    await page
      .locator('#chat-status', {
        hasText: 'The message is longer than 4000 characters: shorten it to send it.',
      })
      .waitFor()
    assert.equal(await log.locator('.pending, .failed').count(), 0)
    assert.lengthOf(await page.locator('#message-text').inputValue(), 5000)

    await otherContext.close()
    await announcer.filter({ hasText: 'binh left the room' }).waitFor()
  })
})

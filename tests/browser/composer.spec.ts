import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import env from '#start/env'
import { chooseFromMenu } from '#tests/helpers/message_menu'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * The room's log as [seq, kind, body] rows
 */
async function logOf(roomId: number) {
  const rows = await Message.query().where('room_id', roomId).orderBy('seq')
  return rows.map((row) => [row.seq, row.kind, row.body])
}

test.group('Browser: the composer', (group) => {
  group.each.setup(() => truncateTables())

  test('near the limit a counter shows what is left; an over-long message is refused, not cut', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.merge({ username: 'long_writer' }).create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(user)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#online-list li', { hasText: 'long_writer' }).waitFor()

    const composer = page.getByRole('textbox', { name: 'Message' })
    const counter = page.locator('#message-counter')
    assert.equal(
      await composer.getAttribute('aria-describedby'),
      'message-text-hint message-counter'
    )
    assert.equal(
      await page.locator('#message-text-hint').innerText(),
      'Enter sends, Shift+Enter adds a new line.'
    )
    await composer.fill('a'.repeat(3000))
    assert.isTrue(await counter.isHidden())
    await composer.fill('a'.repeat(3850))
    assert.equal(await counter.innerText(), 'Characters left: 150')

    const tooLong = 'b'.repeat(4010)
    await composer.fill(tooLong)
    assert.equal(await counter.innerText(), 'Too long by 10 characters')
    assert.equal(await composer.getAttribute('aria-invalid'), 'true')
    await composer.press('Enter')
    await page
      .locator('#chat-status', {
        hasText: 'The message is longer than 4000 characters: shorten it to send it.',
      })
      .waitFor()
    assert.equal(await composer.inputValue(), tooLong)
    assert.equal(await page.locator('#messages .message').count(), 0)

    await composer.fill('short again')
    assert.equal(await composer.getAttribute('aria-invalid'), 'false')
    await composer.press('Enter')
    await page.locator('#messages .message[data-seq="1"]').waitFor()
    assert.deepEqual(await logOf(room.id), [[1, 'message', 'short again']])
  })

  test('a blank edit says why and stays open; nothing is sent', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(user)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.getByRole('textbox', { name: 'Message' }).fill('keep me')
    await page.getByRole('textbox', { name: 'Message' }).press('Enter')
    const mine = page.locator('#messages .message[data-seq="1"]')
    await chooseFromMenu(mine, 'Edit')

    const editor = mine.getByRole('textbox', { name: 'Edit your message' })
    await editor.fill('   ')
    await editor.press('Enter')
    const alert = mine.getByRole('alert')
    await alert.waitFor()
    assert.equal(
      await alert.innerText(),
      'A message cannot be empty: delete it instead, or press Escape to cancel.'
    )
    assert.equal(await editor.getAttribute('aria-invalid'), 'true')
    assert.isTrue(await editor.evaluate((field) => field === document.activeElement))

    await editor.press('Escape')
    await editor.waitFor({ state: 'detached' })
    assert.deepEqual(await logOf(room.id), [[1, 'message', 'keep me']])
  })

  test('without JavaScript: no connection or Enter talk, and posting lands on the new message', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const context = await browser.newContext({ javaScriptEnabled: false })
    cleanup(() => context.close())
    await context.loginAs(user)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))

    const visible = await page.locator('main').innerText()
    assert.notInclude(visible, 'Connecting')
    assert.notInclude(visible, 'Enter sends')
    await page.getByRole('textbox', { name: 'Message' }).fill('posted without script')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.waitForURL(`**/rooms/${room.id}#message-1`)
    assert.equal(await page.locator('#message-1 .text').innerText(), 'posted without script')
  })
})

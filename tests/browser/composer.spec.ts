import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import env from '#start/env'
import { chooseFromMenu } from '#tests/helpers/message_menu'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { axeViolations } from '#tests/helpers/axe'
import { joinRooms } from '#tests/helpers/memberships'
import RoomMutesService from '#services/moderation/room_mutes_service'
import app from '@adonisjs/core/services/app'

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
  test('the box grows with its text, up to a limit, then scrolls', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    cleanup(() => context.close())
    await context.loginAs(user)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    const composer = page.getByRole('textbox', { name: 'Message' })
    const height = () => composer.evaluate((box) => box.getBoundingClientRect().height)
    const empty = await height()

    await composer.fill('one\ntwo\nthree\nfour\nfive\nsix')
    const sixLines = await height()
    assert.isAbove(sixLines, empty)
    assert.equal(
      await composer.evaluate((box) => box.scrollHeight - box.clientHeight),
      0,
      'all six lines show'
    )
    await composer.fill(Array.from({ length: 60 }, (_, line) => `line ${line}`).join('\n'))
    assert.equal(await height(), 0.4 * 800)
    await composer.press('Enter')
    await page.locator('#messages .message[data-seq="1"]').waitFor()
    assert.equal(await height(), empty)
  })

  test('"@" suggests room members in an accessible listbox, chosen by keyboard or click', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_writes' }).create()
    const bobby = await UserFactory.merge({ username: 'bobby' }).create()
    const bob = await UserFactory.merge({ username: 'bob_b' }).create()
    const carol = await UserFactory.merge({ username: 'carol' }).create()
    const room = await createRoomWithMessages(ana, 4, { authors: [ana, bobby, bob, carol] })
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#online-list li', { hasText: 'ana_writes' }).waitFor()
    const composer = page.getByRole('textbox', { name: 'Message' })
    const listbox = page.getByRole('listbox', { name: 'People to mention' })
    const selected = () => listbox.locator('[aria-selected="true"]').innerText()

    await composer.pressSequentially('hi @bo')
    await listbox.waitFor()
    assert.deepEqual(await listbox.getByRole('option').allInnerTexts(), ['@bob_b', '@bobby'])
    assert.equal(await composer.getAttribute('aria-autocomplete'), 'list')
    assert.equal(await composer.getAttribute('aria-controls'), await listbox.getAttribute('id'))
    assert.equal(await selected(), '@bob_b')
    assert.equal(
      await composer.getAttribute('aria-activedescendant'),
      await listbox.getByRole('option', { name: '@bob_b' }).getAttribute('id')
    )
    assert.deepEqual(await axeViolations(page), [])

    await composer.press('ArrowDown')
    assert.equal(await selected(), '@bobby')
    await composer.press('ArrowDown')
    assert.equal(await selected(), '@bob_b', 'wraps around')
    await composer.press('ArrowUp')
    await composer.press('Enter')
    assert.equal(await composer.inputValue(), 'hi @bobby ')
    assert.isTrue(await listbox.isHidden())
    assert.isNull(await composer.getAttribute('aria-activedescendant'))

    await composer.pressSequentially('and @CA')
    await listbox.getByRole('option', { name: '@carol' }).click()
    assert.equal(await composer.inputValue(), 'hi @bobby and @carol ')
    await composer.pressSequentially('@')
    await listbox.waitFor()
    assert.deepEqual(await listbox.getByRole('option').allInnerTexts(), [
      '@bob_b',
      '@bobby',
      '@carol',
    ])
    await composer.press('Escape')
    assert.isTrue(await listbox.isHidden())
    assert.equal(await composer.inputValue(), 'hi @bobby and @carol @')

    await composer.press('Backspace')
    await composer.press('Enter')
    await page.locator('#messages .message[data-seq="5"]').waitFor()
    const log = await logOf(room.id)
    assert.deepEqual(log.at(-1), [5, 'message', 'hi @bobby and @carol'])
  })

  test('Up-arrow in the empty box edits your last message; Escape cancels, back in the box', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.create()
    const bo = await UserFactory.create()
    const room = await createRoomWithMessages(ana, 3, {
      authors: [ana, ana, bo],
      bodies: ['first of mine', 'last of mine', 'not mine'],
    })
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#online-list li').first().waitFor()
    const composer = page.getByRole('textbox', { name: 'Message' })

    await composer.fill('draft')
    await composer.press('ArrowUp')
    assert.equal(await page.getByRole('textbox', { name: 'Edit your message' }).count(), 0)

    await composer.fill('')
    await composer.press('ArrowUp')
    const editor = page
      .locator('#messages .message[data-seq="2"]')
      .getByRole('textbox', { name: 'Edit your message' })
    await editor.waitFor()
    assert.equal(await editor.inputValue(), 'last of mine')
    assert.isTrue(await editor.evaluate((field) => field === document.activeElement))

    await editor.press('Escape')
    await editor.waitFor({ state: 'detached' })
    assert.isTrue(await composer.evaluate((field) => field === document.activeElement))
    assert.equal(
      await page.locator('#messages .message[data-seq="2"] .text').innerText(),
      'last of mine'
    )

    await composer.press('ArrowUp')
    await editor.fill('last of mine, edited')
    await editor.press('Enter')
    await page
      .locator('#messages .message[data-seq="2"]', { hasText: 'last of mine, edited' })
      .waitFor()
    const log = await logOf(room.id)
    assert.deepEqual(log.at(-1), [4, 'edit', 'last of mine, edited'])
  })

  test('what is left in the box stays with its room: a switch back or a reload gives it back, sending clears it, logging out forgets it', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_draft' }).create()
    const first = await createRoomWithMessages(ana, 1, { name: 'Draft first', bodies: ['hi'] })
    const second = await createRoomWithMessages(ana, 1, { name: 'Draft second', bodies: ['hi'] })
    await joinRooms(ana, [first, second])
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    const opened = async (roomId: number) => {
      await page.locator(`#chat[data-room-id="${roomId}"]`).waitFor()
      await page.locator('#online-list li', { hasText: 'ana_draft' }).waitFor()
    }
    await page.goto(pageUrl(`/rooms/${first.id}`))
    await opened(first.id)
    const sidebar = page.getByRole('navigation', { name: 'Your rooms' })
    const composer = page.getByRole('textbox', { name: 'Message' })

    await composer.fill('half a thought')
    await sidebar.getByRole('link', { name: 'Draft second' }).click()
    await opened(second.id)
    assert.equal(await composer.inputValue(), '')
    await composer.pressSequentially('for the second room')
    await sidebar.getByRole('link', { name: 'Draft first' }).click()
    await opened(first.id)
    assert.equal(await composer.inputValue(), 'half a thought')

    await page.reload()
    await opened(first.id)
    assert.equal(await composer.inputValue(), 'half a thought')
    await composer.press('Enter')
    await page
      .locator('#messages .message[data-seq="2"]:not(.pending)', { hasText: 'half a thought' })
      .waitFor()
    assert.equal(await composer.inputValue(), '')
    await page.reload()
    await opened(first.id)
    assert.equal(await composer.inputValue(), '')

    const drafts = () =>
      page.evaluate(() =>
        Object.entries(sessionStorage).filter(([key]) => key.startsWith('roomchat:draft:'))
      )
    assert.deepEqual(await drafts(), [
      [`roomchat:draft:${ana.id}:${second.id}`, 'for the second room'],
    ])
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/rooms/'))
    assert.deepEqual(await drafts(), [])
  })

  test('unsent messages stay their writer’s: the next person on the browser does not send them, the writer’s next visit does, once', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_outbox' }).create()
    const bo = await UserFactory.merge({ username: 'bo_outbox' }).create()
    const room = await createRoomWithMessages(ana, 1, { bodies: ['hi'] })
    const context = await browser.newContext()
    cleanup(() => context.close())
    // The chat is out of reach until the test lets sockets through
    let cut = true
    await context.routeWebSocket(/./, (socket) => {
      if (cut) return socket.close({ code: 1013, reason: 'cut by the test' })
      socket.connectToServer()
    })
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('written offline by ana')
    await composer.press('Enter')
    await page
      .locator('#messages .message.pending', { hasText: 'written offline by ana' })
      .waitFor()
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/rooms/'))

    // Signing in through the form, as the next person on a shared computer does
    const logIn = async (username: string) => {
      await page.goto(pageUrl('/login'))
      await page.getByLabel('Username').fill(username)
      await page.getByLabel('Password').fill('secret-password')
      await page.getByRole('button', { name: 'Log in' }).click()
      await page.waitForURL((url) => url.pathname !== '/login')
      await page.goto(pageUrl(`/rooms/${room.id}`))
    }
    cut = false
    await logIn('bo_outbox')
    await page.locator('#online-list li', { hasText: 'bo_outbox' }).waitFor()
    assert.equal(await page.locator('#messages .message', { hasText: 'by ana' }).count(), 0)
    await composer.fill('bo here')
    await composer.press('Enter')
    await page
      .locator('#messages .message[data-seq="2"]:not(.pending)', { hasText: 'bo here' })
      .waitFor()

    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL((url) => !url.pathname.startsWith('/rooms/'))
    await logIn('ana_outbox')
    await page
      .locator('#messages .message[data-seq="3"]:not(.pending)', {
        hasText: 'written offline by ana',
      })
      .waitFor()
    const rows = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      rows.map((row) => [row.seq, row.userId, row.body]),
      [
        [1, ana.id, 'hi'],
        [2, bo.id, 'bo here'],
        [3, ana.id, 'written offline by ana'],
      ]
    )
  })

  test('a muted writer is told until when; a refused message is sent again once the mute ends, or discarded', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_mutes' }).create()
    const bo = await UserFactory.merge({ username: 'bo_muted' }).create()
    const room = await createRoomWithMessages(ana, 1, { bodies: ['hi'] })
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(bo)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#online-list li', { hasText: 'bo_muted' }).waitFor()
    const status = page.locator('#chat-status')
    const composer = page.getByRole('textbox', { name: 'Message' })
    const mutes = await app.container.make(RoomMutesService)

    await mutes.mute(room, 'bo_muted', 10, ana)
    await status.filter({ hasText: 'A moderator muted you in this room until' }).waitFor()
    await composer.fill('while muted')
    await composer.press('Enter')
    await composer.fill('second try')
    await composer.press('Enter')
    const failed = page.locator('#messages .message.failed')
    await failed.nth(1).waitFor()
    assert.deepEqual(await failed.locator('.state').allInnerTexts(), [
      'not sent: You are muted in this room for now. Send again Discard',
      'not sent: You are muted in this room for now. Send again Discard',
    ])

    await failed.filter({ hasText: 'second try' }).getByRole('button', { name: 'Discard' }).click()
    assert.deepEqual(await failed.locator('.text').allInnerTexts(), ['while muted'])
    assert.isTrue(await composer.evaluate((field) => field === document.activeElement))

    await mutes.unmute(room, bo.id)
    await status.filter({ hasText: 'Your mute has ended' }).waitFor()
    await failed.getByRole('button', { name: 'Send again' }).click()
    await page
      .locator('#messages .message[data-seq="2"]:not(.pending)', { hasText: 'while muted' })
      .waitFor()
    assert.equal(await failed.count(), 0)
    assert.deepEqual(await logOf(room.id), [
      [1, 'message', 'hi'],
      [2, 'message', 'while muted'],
    ])
  })
})

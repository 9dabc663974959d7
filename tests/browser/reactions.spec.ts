/// <reference lib="dom" />

import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import type { Locator, Page, WebSocketRoute } from 'playwright'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { chooseFromMenu, messageMenuButton } from '#tests/helpers/message_menu'
import { axeViolations } from '#tests/helpers/axe'
import env from '#start/env'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * A row's reactions as one line per chip: accessible name and pressed state
 */
async function chips(row: Locator) {
  return row
    .locator('.reactions .reaction')
    .evaluateAll((buttons) =>
      buttons.map(
        (button) => `${button.getAttribute('aria-label')} ${button.getAttribute('aria-pressed')}`
      )
    )
}

/**
 * The markup of a row's reactions, without the per-request CSRF token and the whitespace
 * between tags (Edge indents, the browser does not)
 */
async function reactionsMarkup(page: Page, seq: number) {
  return page.locator(`#message-${seq} .reactions`).evaluate((form) => {
    const copy = form.cloneNode(true) as HTMLElement
    copy.querySelector('input[name=_csrf]')?.remove()
    return copy.outerHTML.replace(/>\s+</g, '><').trim()
  })
}

/**
 * The accessible name of the element that has focus, else its id or text
 */
function focused(page: Page) {
  return page.evaluate(
    () =>
      document.activeElement?.getAttribute('aria-label') ||
      document.activeElement?.id ||
      document.activeElement?.textContent
  )
}

test.group('Browser: reactions', (group) => {
  group.each.setup(() => truncateTables())

  test('the picker finds an emoji by name; chips toggle, live for the other person, named for who reacted', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_r', displayName: 'Ana Lima' }).create()
    const bob = await UserFactory.merge({ username: 'bob_r', displayName: 'Bob Tran' }).create()
    const room = await createRoomWithMessages(ana, 1, { authors: [bob], bodies: ['Lunch?'] })
    const anaContext = await browser.newContext()
    const bobContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([anaContext.close(), bobContext.close()])
    })
    await anaContext.loginAs(ana)
    await bobContext.loginAs(bob)
    const anaPage = await anaContext.newPage()
    const bobPage = await bobContext.newPage()
    await anaPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await anaPage.locator('#online-list li', { hasText: 'Bob Tran' }).waitFor()
    await bobPage.locator('#online-list li', { hasText: 'Ana Lima' }).waitFor()
    const onAna = anaPage.locator('#message-1')
    const onBob = bobPage.locator('#message-1')

    // "React" opens the picker with focus in its search box; the search narrows the grid
    await chooseFromMenu(onAna, 'React')
    const picker = anaPage.getByRole('dialog', { name: 'Choose a reaction' })
    await picker.waitFor()
    assert.equal(await focused(anaPage), 'Search emoji by name')
    await anaPage.keyboard.type('thumbs')
    const all = picker.getByRole('group', { name: 'All emoji' })
    assert.deepEqual(
      await all
        .getByRole('button')
        .evaluateAll((buttons) =>
          buttons.map((button) => `${button.textContent} ${button.getAttribute('aria-label')}`)
        ),
      ['👍 thumbs up', '👎 thumbs down']
    )
    await anaPage.keyboard.type('zzz')
    await picker.getByRole('status').getByText('No emoji matches “thumbszzz”.').waitFor()
    await anaPage.keyboard.press('Backspace')
    await anaPage.keyboard.press('Backspace')
    await anaPage.keyboard.press('Backspace')
    // ArrowDown goes to the first emoji, the arrows move, Enter chooses; focus goes back
    await anaPage.keyboard.press('ArrowDown')
    assert.equal(await focused(anaPage), 'thumbs up')
    await anaPage.keyboard.press('ArrowRight')
    assert.equal(await focused(anaPage), 'thumbs down')
    await anaPage.keyboard.press('ArrowLeft')
    await anaPage.keyboard.press('Enter')
    await picker.waitFor({ state: 'hidden' })
    assert.equal(await focused(anaPage), await messageMenuButton(onAna).getAttribute('aria-label'))

    // Both see one chip; Ana's is pressed and names her "you"
    await onBob.getByRole('button', { name: '👍 1: Ana Lima' }).waitFor()
    assert.deepEqual(await chips(onBob), ['👍 1: Ana Lima false'])
    await onAna.getByRole('button', { name: '👍 1: you' }).waitFor()
    assert.deepEqual(await chips(onAna), ['👍 1: you true'])
    assert.equal(await onAna.locator('.reaction-count').innerText(), '1')

    // Bob's click adds his to the same chip, for both
    await onBob.getByRole('button', { name: '👍 1: Ana Lima' }).click()
    await onAna.getByRole('button', { name: '👍 2: Bob Tran and you' }).waitFor()
    await onBob.getByRole('button', { name: '👍 2: Ana Lima and you' }).waitFor()
    assert.deepEqual(await chips(onBob), ['👍 2: Ana Lima and you true'])

    // Ana's click withdraws hers
    await onAna.getByRole('button', { name: '👍 2: Bob Tran and you' }).click()
    await onAna.getByRole('button', { name: '👍 1: Bob Tran' }).waitFor()
    await onBob.getByRole('button', { name: '👍 1: you' }).waitFor()
    assert.deepEqual(await chips(onAna), ['👍 1: Bob Tran false'])

    // "+" next to the chips opens the picker with the recent row; Escape closes it and focus
    // goes back to "+"
    await onAna.getByRole('link', { name: 'Add a reaction' }).click()
    await picker.waitFor()
    const recent = picker.getByRole('group', { name: 'Recently used' })
    assert.deepEqual(await recent.getByRole('button').allInnerTexts(), ['👍'])
    await anaPage.keyboard.press('Escape')
    await picker.waitFor({ state: 'hidden' })
    assert.equal(await focused(anaPage), 'Add a reaction')
    // A click inside the dialog keeps it open, one on the backdrop closes it
    await onAna.getByRole('link', { name: 'Add a reaction' }).click()
    await picker.getByRole('heading', { name: 'Choose a reaction' }).click()
    assert.isTrue(await picker.isVisible())
    await anaPage.mouse.click(2, 2)
    await picker.waitFor({ state: 'hidden' })
    await onAna.getByRole('link', { name: 'Add a reaction' }).click()
    await picker.getByRole('searchbox').fill('party popper')
    await picker.getByRole('button', { name: 'party popper' }).click()
    await onBob.getByRole('button', { name: '🎉 1: Ana Lima' }).waitFor()
    assert.deepEqual(await chips(onBob), ['👍 1: you true', '🎉 1: Ana Lima false'])

    // The log holds each change as an entry; the server draws the same chips after a reload
    const log = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      log.map((entry) => [entry.kind, entry.targetSeq, entry.body, entry.userId]),
      [
        ['message', null, 'Lunch?', bob.id],
        ['react', 1, '👍', ana.id],
        ['react', 1, '👍', bob.id],
        ['unreact', 1, '👍', ana.id],
        ['react', 1, '🎉', ana.id],
      ]
    )
    const live = await reactionsMarkup(bobPage, 1)
    await bobPage.reload()
    assert.deepEqual(await chips(bobPage.locator('#message-1')), [
      '👍 1: you true',
      '🎉 1: Ana Lima false',
    ])
    assert.equal(await reactionsMarkup(bobPage, 1), live)
  })

  test('a page that lost its connection catches up on reactions and pins when it is back', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_replay' }).create()
    const bob = await UserFactory.merge({ username: 'bob_replay' }).create()
    const room = await createRoomWithMessages(ana, 1, { authors: [bob], bodies: ['Back soon'] })
    const anaContext = await browser.newContext()
    const bobContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([anaContext.close(), bobContext.close()])
    })
    await anaContext.loginAs(ana)
    await bobContext.loginAs(bob)
    // Bob's chat socket goes through the test, which can cut both ends (and refuse new ones
    // meanwhile)
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
    await anaPage.locator('#online-list li', { hasText: 'bob_replay' }).waitFor()

    cut = true
    await Promise.all(bobSockets.map((socket) => socket.close({ code: 1013, reason: 'cut' })))
    await bobPage.locator('#chat-status', { hasText: /Connection lost|Reconnecting/ }).waitFor()
    await chooseFromMenu(anaPage.locator('#message-1'), 'Pin')
    await chooseFromMenu(anaPage.locator('#message-1'), 'React')
    await anaPage.getByRole('searchbox').fill('red heart')
    await anaPage.getByRole('button', { name: 'red heart' }).click()
    await anaPage.locator('#message-1').getByRole('button', { name: '❤️ 1: you' }).waitFor()
    assert.equal(await bobPage.locator('#message-1 .reactions').count(), 0)

    cut = false
    const onBob = bobPage.locator('#message-1')
    await onBob.getByRole('button', { name: '❤️ 1: ana_replay' }).waitFor()
    assert.equal(await onBob.locator('.pinned-mark').innerText(), '📌 Pinned')
  })

  test('without JavaScript a chip toggles with its form and "+" opens the reaction page', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_nojs_r' }).create()
    const room = await createRoomWithMessages(ana, 1, { bodies: ['Plain page'] })
    const context = await browser.newContext({ javaScriptEnabled: false })
    cleanup(() => context.close())
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#message-1').hover()
    await page.locator('#message-1 details.message-menu > summary').click()
    await page.locator('#message-1').getByRole('link', { name: 'React' }).click()
    await page.waitForURL(`**/rooms/${room.id}/messages/1/reactions`)
    await page.getByRole('button', { name: 'red heart' }).click()
    await page.waitForURL(`**/rooms/${room.id}#message-1`)
    const chip = page.locator('#message-1').getByRole('button', { name: '❤️ 1: you' })
    assert.equal(await chip.getAttribute('aria-pressed'), 'true')
    await chip.click()
    await page.waitForURL(`**/rooms/${room.id}#message-1`)
    assert.equal(await page.locator('#message-1 .reactions').count(), 0)
  })

  for (const theme of ['light', 'dark']) {
    test(`chips, the pinned mark, the menu, the picker and the reaction page pass axe, ${theme} theme`, async ({
      visit,
      browserContext,
      assert,
    }) => {
      const ana = await UserFactory.merge({ username: 'ana_axe' }).create()
      const bob = await UserFactory.merge({ username: 'bob_axe' }).create()
      const room = await createRoomWithMessages(ana, 2, { authors: [bob, ana] })
      const first = await Message.findByOrFail({ roomId: room.id, seq: 1 })
      await db.table('message_reactions').multiInsert([
        { message_id: first.id, user_id: ana.id, emoji: '👍' },
        { message_id: first.id, user_id: bob.id, emoji: '👍' },
        { message_id: first.id, user_id: bob.id, emoji: '🎉' },
      ])
      first.pinnedAt = first.createdAt
      await first.save()
      await browserContext.setCookie('theme', theme)
      await browserContext.loginAs(ana)
      const page = await visit(`/rooms/${room.id}`)
      const row = page.locator('#message-1')
      await row.getByRole('button', { name: '👍 2: bob_axe and you' }).waitFor()
      assert.equal(await row.locator('.pinned-mark').innerText(), '📌 Pinned')
      assert.deepEqual(await axeViolations(page), [])

      await row.hover()
      await messageMenuButton(row).click()
      assert.deepEqual(await row.getByRole('menuitem').allInnerTexts(), [
        'React',
        'Reply',
        'Unpin',
        'Delete',
      ])
      assert.deepEqual(await axeViolations(page), [])
      await row.getByRole('menuitem', { name: 'React' }).click()
      await page.getByRole('dialog', { name: 'Choose a reaction' }).waitFor()
      assert.deepEqual(await axeViolations(page), [])

      // The reaction page (without JavaScript's "React") too
      await page.goto(`/rooms/${room.id}/messages/1/reactions`)
      await page.getByRole('button', { name: 'party popper' }).waitFor()
      assert.equal(
        await page.getByRole('button', { name: 'thumbs up' }).getAttribute('aria-pressed'),
        'true'
      )
      assert.deepEqual(await axeViolations(page), [])
    })
  }
})

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import env from '#start/env'
import { chooseFromRoomMenu } from '#tests/helpers/message_menu'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

test.group('Browser: live chat', (group) => {
  group.each.setup(() => truncateTables())

  test('two people chat live; a reload keeps the history, each message once', async ({
    browser,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_live' }).create()
    const ben = await UserFactory.merge({ username: 'ben_live' }).create()
    const room = await RoomFactory.merge({ name: 'Live room', ownerId: ana.id }).create()

    const anaContext = await browser.newContext()
    await anaContext.loginAs(ana)
    const benContext = await browser.newContext()
    await benContext.loginAs(ben)
    const anaPage = await anaContext.newPage()
    const benPage = await benContext.newPage()
    await anaPage.goto(pageUrl(`/rooms/${room.id}`))
    await benPage.goto(pageUrl(`/rooms/${room.id}`))

    // Both are online, each sees the other in the list
    await anaPage.locator('#online-list li', { hasText: 'ben_live' }).waitFor()
    await benPage.locator('#online-list li', { hasText: 'ana_live' }).waitFor()

    // Ana types (Ben sees "typing") and sends with Enter; Shift+Enter makes a new line
    await anaPage.locator('#message-text').pressSequentially('Hello')
    await benPage.locator('#typing', { hasText: 'ana_live' }).waitFor()
    await anaPage.locator('#message-text').press('Shift+Enter')
    await anaPage.locator('#message-text').pressSequentially('Ben <b>!</b>')
    await anaPage.locator('#message-text').press('Enter')
    const onBen = benPage.locator('#messages .message', { hasText: 'Ben <b>!</b>' })
    await onBen.waitFor()
    assert.equal(await onBen.locator('.text').innerText(), 'Hello\nBen <b>!</b>')
    assert.equal(await benPage.locator('#messages b').count(), 0)

    // Ben answers; Ana sees it
    await benPage.locator('#message-text').fill('Hi Ana')
    await benPage.locator('#message-text').press('Enter')
    await anaPage.locator('#messages .message', { hasText: 'Hi Ana' }).waitFor()
    await anaPage.locator('#messages .message.pending').waitFor({ state: 'detached' })

    // Stored once each, in order
    const stored = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      stored.map((message) => [message.seq, message.body]),
      [
        [1, 'Hello\nBen <b>!</b>'],
        [2, 'Hi Ana'],
      ]
    )

    // A reload shows the same history, each message once
    await anaPage.reload()
    await anaPage.locator('#online-list li', { hasText: 'ana_live' }).waitFor()
    assert.deepEqual(await anaPage.locator('#messages .message .text').allInnerTexts(), [
      'Hello\nBen <b>!</b>',
      'Hi Ana',
    ])

    // A message sent while Ana's page reloads is not lost
    await benPage.locator('#message-text').fill('While you were away')
    await benPage.locator('#message-text').press('Enter')
    await benPage
      .locator('#messages .message:not(.pending)', { hasText: 'While you were away' })
      .waitFor()
    await anaPage.reload()
    await anaPage.locator('#messages .message', { hasText: 'While you were away' }).waitFor()
    assert.equal(await anaPage.locator('#messages .message').count(), 3)

    await anaContext.close()
    await benContext.close()
  })

  test('the room owner deletes the room: people inside are told and cannot send', async ({
    browser,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const guest = await UserFactory.create()
    const room = await RoomFactory.merge({ name: 'Short-lived', ownerId: owner.id }).create()
    const guestContext = await browser.newContext()
    await guestContext.loginAs(guest)
    const guestPage = await guestContext.newPage()
    await guestPage.goto(pageUrl(`/rooms/${room.id}`))
    await guestPage.locator('#online-list li').first().waitFor()
    await guestPage.locator('#online-list li', { hasText: guest.username }).waitFor()

    const ownerContext = await browser.newContext()
    await ownerContext.loginAs(owner)
    const ownerPage = await ownerContext.newPage()
    await ownerPage.goto(pageUrl(`/rooms/${room.id}`))
    await chooseFromRoomMenu(ownerPage, 'Delete room')
    await ownerPage.locator('#confirm-dialog button.danger').click()
    await ownerPage.waitForURL('**/rooms')

    await guestPage.locator('#message-text:disabled').waitFor()
    assert.isNull(await Room.find(room.id))
    await guestContext.close()
    await ownerContext.close()
  })

  test('with JavaScript off, a person reads the latest messages, posts, and pages back', async ({
    browser,
    assert,
  }) => {
    const user = await UserFactory.merge({ username: 'nojs_user' }).create()
    const room = await RoomFactory.merge({
      name: 'No script',
      ownerId: user.id,
      lastSeq: 60,
    }).create()
    await Message.createMany(
      Array.from({ length: 60 }, (_, index) => ({
        roomId: room.id,
        userId: user.id,
        seq: index + 1,
        body: `old message ${index + 1}`,
      }))
    )

    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.loginAs(user)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))

    // The latest 50 are rendered by the server, oldest first
    const texts = await page.locator('#messages .message .text').allInnerTexts()
    assert.lengthOf(texts, 50)
    assert.equal(texts[0], 'old message 11')
    assert.equal(texts[49], 'old message 60')

    // The send box is a real form
    await page.locator('#message-text').fill('posted without JavaScript')
    await page.locator('#send-form button[type=submit]').click()
    await page.waitForURL(`**/rooms/${room.id}#message-61`)
    await page.locator('#messages .message', { hasText: 'posted without JavaScript' }).waitFor()
    const stored = await Message.query()
      .where('room_id', room.id)
      .orderBy('seq', 'desc')
      .firstOrFail()
    assert.equal(stored.seq, 61)
    assert.equal(stored.body, 'posted without JavaScript')

    // Older messages are reachable by a link
    await page.locator('#older-link').click()
    await page.waitForURL(/before=12/)
    const older = await page.locator('#messages .message .text').allInnerTexts()
    assert.deepEqual(
      older,
      Array.from({ length: 11 }, (_, index) => `old message ${index + 1}`)
    )

    // An empty message is refused with a field error
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#send-form button[type=submit]').click()
    await page.locator('#message-text[aria-invalid=true]').waitFor()
    assert.lengthOf(await Message.query().where('room_id', room.id), 61)
    await context.close()
  })
})

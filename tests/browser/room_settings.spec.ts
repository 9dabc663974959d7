import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { chooseFromMenu, chooseFromRoomMenu } from '#tests/helpers/message_menu'
import env from '#start/env'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

test.group('Browser: room settings', (group) => {
  group.each.setup(() => truncateTables())

  test('the owner renames and archives; another person’s open room shows the lines, the new name and the notice live, and after a reload', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.merge({ username: 'set_owner' }).create()
    const bob = await UserFactory.merge({ username: 'set_bob' }).create()
    const room = await createRoomWithMessages(owner, 1, { authors: [bob], bodies: ['Hello'] })
    await room.related('members').attach([bob.id])
    const ownerContext = await browser.newContext()
    const bobContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([ownerContext.close(), bobContext.close()])
    })
    await ownerContext.loginAs(owner)
    await bobContext.loginAs(bob)
    const ownerPage = await ownerContext.newPage()
    const bobPage = await bobContext.newPage()
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await ownerPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.locator('#online-list li', { hasText: 'set_owner' }).waitFor()
    await bobPage.getByLabel('Message', { exact: true }).waitFor()

    await chooseFromRoomMenu(ownerPage, 'Room settings')
    await ownerPage.waitForURL(`**/rooms/${room.id}/settings`)
    await ownerPage.getByLabel('Name', { exact: true }).fill('Reading corner')
    await ownerPage.getByRole('button', { name: 'Save changes' }).click()
    await ownerPage
      .locator('.alert-success', { hasText: 'The room’s settings are saved.' })
      .waitFor()
    await ownerPage.getByRole('button', { name: 'Archive the room' }).click()
    await ownerPage.locator('.alert-success', { hasText: 'The room is archived.' }).waitFor()

    await bobPage
      .locator('.room-event', { hasText: 'set_owner renamed the room to “Reading corner”' })
      .waitFor()
    await bobPage.locator('.room-event', { hasText: 'set_owner archived the room' }).waitFor()
    assert.equal(await bobPage.locator('.room-header .room-name').textContent(), 'Reading corner')
    // Bob's sidebar follows the rename too
    await bobPage
      .locator(`[data-sidebar-rooms] [data-room-id="${room.id}"]`, { hasText: 'Reading corner' })
      .waitFor()
    await bobPage.getByText('This room is archived: it is read-only.').waitFor()
    assert.isFalse(await bobPage.locator('#send-form').isVisible())
    // A change the archive refuses says why; a refused reply stays in its box
    const hello = bobPage.locator('#messages .message', { hasText: 'Hello' })
    await chooseFromMenu(hello, 'Reply')
    const replyBox = bobPage.getByLabel('Reply in the thread')
    await replyBox.fill('A reply')
    await bobPage.keyboard.press('Enter')
    await bobPage
      .locator('#chat-status', { hasText: 'This room is archived: it is read-only.' })
      .waitFor()
    assert.equal(await replyBox.inputValue(), 'A reply')
    await bobPage.keyboard.press('Escape')
    await bobPage.locator('#chat-status').evaluate((status) => (status.textContent = ''))
    await chooseFromMenu(hello, 'Edit')
    await bobPage.getByLabel('Edit your message').fill('Hello again')
    await bobPage.keyboard.press('Enter')
    await bobPage
      .locator('#chat-status', { hasText: 'This room is archived: it is read-only.' })
      .waitFor()
    // The refused edit opens again, with its text and why
    await hello.locator('.edit-form .field-error', { hasText: 'read-only' }).waitFor()
    assert.equal(await bobPage.getByLabel('Edit your message').inputValue(), 'Hello again')
    await bobPage.keyboard.press('Escape')
    const stored = await Room.findOrFail(room.id)
    assert.deepEqual([stored.name, stored.isArchived], ['Reading corner', true])

    // After a reload the lines are still there, between the messages, from the server
    await bobPage.reload()
    await bobPage.getByText('This room is archived: it is read-only.').waitFor()
    assert.deepEqual(
      await bobPage
        .locator('#messages > .message, #messages > .room-event')
        .evaluateAll((items) =>
          items.map(
            (item) =>
              `${item.getAttribute('data-seq')} ${item.querySelector('.room-event-text, .message-content > .text')?.textContent?.trim()}`
          )
        ),
      [
        '1 Hello',
        '2 set_owner renamed the room to “Reading corner”',
        '3 set_owner archived the room',
      ]
    )
  })
})

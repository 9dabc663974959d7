import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import RoomModeratorsService from '#services/moderation/room_moderators_service'
import { chooseFromMenu, chooseFromRoomMenu, messageMenuButton } from '#tests/helpers/message_menu'
import env from '#start/env'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

test.group('Browser: pins and moderation in the message menu', (group) => {
  group.each.setup(() => truncateTables())

  test('a moderator pins; a member sees the mark live and the pinned list, and has no Pin item', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.merge({ username: 'owner_pin' }).create()
    const carol = await UserFactory.merge({ username: 'carol_mod' }).create()
    const bob = await UserFactory.merge({ username: 'bob_member' }).create()
    const room = await createRoomWithMessages(owner, 1, {
      authors: [bob],
      bodies: ['The agenda is in the wiki'],
    })
    await new RoomModeratorsService().appoint(room, carol.username)
    const carolContext = await browser.newContext()
    const bobContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([carolContext.close(), bobContext.close()])
    })
    await carolContext.loginAs(carol)
    await bobContext.loginAs(bob)
    const carolPage = await carolContext.newPage()
    const bobPage = await bobContext.newPage()
    await carolPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await carolPage.locator('#online-list li', { hasText: 'bob_member' }).waitFor()
    await bobPage.locator('#online-list li', { hasText: 'carol_mod' }).waitFor()
    const onCarol = carolPage.locator('#message-1')
    const onBob = bobPage.locator('#message-1')

    // Bob's own message: he edits, reacts and deletes it, but does not pin
    await onBob.hover()
    await messageMenuButton(onBob).click()
    assert.deepEqual(await onBob.getByRole('menuitem').allInnerTexts(), [
      'Edit',
      'React',
      'Reply',
      'Delete',
    ])
    await bobPage.keyboard.press('Escape')

    await chooseFromMenu(onCarol, 'Pin')
    await onBob.locator('.pinned-mark', { hasText: 'Pinned' }).waitFor()
    await onCarol.locator('.pinned-mark').waitFor()
    await onCarol.hover()
    await messageMenuButton(onCarol).click()
    assert.deepEqual(await onCarol.getByRole('menuitem').allInnerTexts(), [
      'React',
      'Reply',
      'Unpin',
      'Delete',
    ])
    await carolPage.keyboard.press('Escape')

    // A message Bob sends now is drawn by the browser: Carol's menu on it agrees with the server's
    await bobPage.locator('#message-text').fill('Noted')
    await bobPage.locator('#message-text').press('Enter')
    const liveOnCarol = carolPage.locator('#message-3', { hasText: 'Noted' })
    await liveOnCarol.waitFor()
    await liveOnCarol.hover()
    await messageMenuButton(liveOnCarol).click()
    assert.deepEqual(await liveOnCarol.getByRole('menuitem').allInnerTexts(), [
      'React',
      'Reply',
      'Pin',
      'Delete',
    ])
    await carolPage.keyboard.press('Escape')

    // The room's pinned list has it
    await chooseFromRoomMenu(bobPage, 'Pinned messages')
    await bobPage.waitForURL(`**/rooms/${room.id}/pins`)
    assert.equal(await bobPage.locator('#pin-1 .text').innerText(), 'The agenda is in the wiki')
    assert.equal(await bobPage.getByRole('button', { name: 'Unpin message 1' }).count(), 0)

    // Unpinning takes the mark away, live
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await onBob.locator('.pinned-mark').waitFor()
    await chooseFromMenu(onCarol, 'Unpin')
    await onBob.locator('.pinned-mark').waitFor({ state: 'detached' })
    const log = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      log.map((entry) => [entry.seq, entry.kind, entry.targetSeq, entry.userId]),
      [
        [1, 'message', null, bob.id],
        [2, 'pin', 1, carol.id],
        [3, 'message', null, bob.id],
        [4, 'unpin', 1, carol.id],
      ]
    )
  })

  test('a moderator deletes another person’s message; the author sees the placeholder live', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.merge({ username: 'owner_del' }).create()
    const carol = await UserFactory.merge({ username: 'carol_del' }).create()
    const bob = await UserFactory.merge({ username: 'bob_del' }).create()
    const room = await createRoomWithMessages(owner, 1, { authors: [bob], bodies: ['Spam link'] })
    await new RoomModeratorsService().appoint(room, carol.username)
    const carolContext = await browser.newContext()
    const bobContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([carolContext.close(), bobContext.close()])
    })
    await carolContext.loginAs(carol)
    await bobContext.loginAs(bob)
    const carolPage = await carolContext.newPage()
    const bobPage = await bobContext.newPage()
    await carolPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.locator('#online-list li', { hasText: 'carol_del' }).waitFor()

    await chooseFromMenu(carolPage.locator('#message-1'), 'Delete')
    const dialog = carolPage.getByRole('dialog', { name: 'Delete this message?' })
    await dialog.getByRole('button', { name: 'Delete message' }).click()
    await bobPage.locator('#message-1 .text', { hasText: 'Message deleted' }).waitFor()
    assert.notInclude(await bobPage.locator('#messages').innerText(), 'Spam link')
    const log = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      log.map((entry) => [entry.seq, entry.kind, entry.targetSeq, entry.userId]),
      [
        [1, 'message', null, bob.id],
        [2, 'delete', 1, carol.id],
      ]
    )
  })
})

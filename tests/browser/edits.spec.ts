import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import env from '#start/env'
import { chooseFromMenu, messageMenuButton } from '#tests/helpers/message_menu'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

test.group('Browser: editing and deleting messages', (group) => {
  group.each.setup(() => truncateTables())

  test('Alice edits and deletes her message; Bob sees "edited" and the placeholder live', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const alice = await UserFactory.merge({ username: 'alice_edits' }).create()
    const bob = await UserFactory.merge({ username: 'bob_watches' }).create()
    const room = await RoomFactory.merge({ name: 'Edits room', ownerId: alice.id }).create()
    const aliceContext = await browser.newContext()
    const bobContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([aliceContext.close(), bobContext.close()])
    })
    await aliceContext.loginAs(alice)
    await bobContext.loginAs(bob)
    const alicePage = await aliceContext.newPage()
    const bobPage = await bobContext.newPage()
    await alicePage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await alicePage.locator('#online-list li', { hasText: 'bob_watches' }).waitFor()

    await alicePage.locator('#message-text').fill('Meet at 5')
    await alicePage.locator('#message-text').press('Enter')
    const onBob = bobPage.locator('#messages .message', { hasText: 'alice_edits' })
    await onBob.locator('.text', { hasText: 'Meet at 5' }).waitFor()
    const mine = alicePage.locator('#messages .message[data-seq="1"]')
    await messageMenuButton(mine).waitFor({ state: 'attached' })

    // Bob may neither edit nor delete Alice's message: his menu only offers to react and reply
    await onBob.hover()
    await messageMenuButton(onBob).click()
    assert.deepEqual(await onBob.getByRole('menuitem').allInnerTexts(), ['React', 'Reply'])
    await bobPage.keyboard.press('Escape')

    // Her menu offers Edit and Delete; Escape cancels an edit
    await chooseFromMenu(mine, 'Edit')
    const editor = mine.getByRole('textbox', { name: 'Edit your message' })
    assert.equal(await editor.inputValue(), 'Meet at 5')
    await editor.press('Escape')
    await editor.waitFor({ state: 'detached' })
    assert.equal(await mine.locator('.text').innerText(), 'Meet at 5')

    // Enter saves: Bob sees the new text and the mark without a reload
    await chooseFromMenu(mine, 'Edit')
    await editor.fill('Meet at **6**')
    await editor.press('Enter')
    await onBob.locator('.text strong', { hasText: '6' }).waitFor()
    assert.equal(await onBob.locator('.text').innerText(), 'Meet at 6')
    assert.equal(await onBob.locator('.edited').innerText(), '(edited)')
    await mine.locator('.edited').waitFor()

    // Delete asks first in the page's dialog; Bob then sees the placeholder, and the text is gone
    await chooseFromMenu(mine, 'Delete')
    const dialog = alicePage.getByRole('dialog', { name: 'Delete this message?' })
    await dialog.getByRole('button', { name: 'Delete message' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await onBob.locator('.text', { hasText: 'Message deleted' }).waitFor()
    assert.equal(await onBob.locator('.edited').count(), 0)
    assert.notInclude(await bobPage.locator('#messages').innerText(), 'Meet at')
    await alicePage.locator('#messages .message.deleted').waitFor()
    assert.equal(await alicePage.locator('#messages .message').getByRole('button').count(), 0)
    assert.equal(await alicePage.locator('#messages .message').getByRole('menuitem').count(), 0)

    const log = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      log.map((entry) => [entry.seq, entry.kind, entry.targetSeq, entry.body]),
      [
        [1, 'message', null, ''],
        [2, 'edit', 1, ''],
        [3, 'delete', 1, ''],
      ]
    )

    // A reload shows the same state, from the server
    await bobPage.reload()
    assert.deepEqual(await bobPage.locator('#messages .message .text').allInnerTexts(), [
      'Message deleted',
    ])
  })

  test('the room owner deletes someone else’s message; Cancel in the dialog deletes nothing', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.merge({ username: 'owner_mod' }).create()
    const bob = await UserFactory.merge({ username: 'bob_posts' }).create()
    const room = await RoomFactory.merge({ name: 'Moderated room', ownerId: owner.id }).create()
    const ownerContext = await browser.newContext()
    const bobContext = await browser.newContext()
    cleanup(async () => {
      await Promise.all([ownerContext.close(), bobContext.close()])
    })
    await ownerContext.loginAs(owner)
    await bobContext.loginAs(bob)
    const ownerPage = await ownerContext.newPage()
    const bobPage = await bobContext.newPage()
    await ownerPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))
    await bobPage.locator('#online-list li', { hasText: 'owner_mod' }).waitFor()

    await bobPage.locator('#message-text').fill('Buy cheap watches')
    await bobPage.locator('#message-text').press('Enter')
    const onOwner = ownerPage.locator('#messages .message', { hasText: 'Buy cheap watches' })
    await onOwner.waitFor()
    await onOwner.hover()
    await messageMenuButton(onOwner).click()
    assert.deepEqual(await onOwner.getByRole('menuitem').allInnerTexts(), [
      'React',
      'Reply',
      'Pin',
      'Delete',
    ])
    await ownerPage.keyboard.press('Escape')

    // The dialog opens with focus on Cancel; Cancel keeps the message and focus goes back to
    // the menu's button
    const dialog = ownerPage.getByRole('dialog', { name: 'Delete this message?' })
    await chooseFromMenu(onOwner, 'Delete')
    await dialog.getByText('Everyone in the room will see that it was deleted.').waitFor()
    assert.equal(await ownerPage.evaluate(() => document.activeElement?.textContent), 'Cancel')
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    assert.equal(
      await ownerPage.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      await messageMenuButton(onOwner).getAttribute('aria-label')
    )
    assert.match(
      (await messageMenuButton(onOwner).getAttribute('aria-label'))!,
      /^Actions for the message by bob_posts, \d{1,2}:\d{2} [AP]M$/
    )
    assert.equal(await onOwner.locator('.text').innerText(), 'Buy cheap watches')
    // Nothing was sent: the owner's next message, acknowledged on the same socket, is seq 2
    await ownerPage.locator('#message-text').fill('Noted')
    await ownerPage.locator('#message-text').press('Enter')
    await ownerPage.locator('#messages .message[data-seq="2"]', { hasText: 'Noted' }).waitFor()
    const kept = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      kept.map((entry) => [entry.seq, entry.kind]),
      [
        [1, 'message'],
        [2, 'message'],
      ]
    )

    await chooseFromMenu(onOwner, 'Delete')
    await dialog.getByRole('button', { name: 'Delete message' }).click()

    const onBob = bobPage.locator('#messages .message', { hasText: 'bob_posts' })
    await onBob.locator('.text', { hasText: 'Message deleted' }).waitFor()
    const log = await Message.query().where('room_id', room.id).orderBy('seq')
    assert.deepEqual(
      log.map((entry) => [entry.seq, entry.kind, entry.userId]),
      [
        [1, 'message', bob.id],
        [2, 'message', owner.id],
        [3, 'delete', owner.id],
      ]
    )
  })
})

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom, memberIdsOf } from '#tests/helpers/private_rooms'
import env from '#start/env'
import { chooseFromRoomMenu } from '#tests/helpers/message_menu'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

test.group('Browser: confirming deletions', (group) => {
  group.each.setup(() => truncateTables())

  test('deleting a room asks in a dialog: Escape keeps it, confirming deletes it', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ name: 'Book club', ownerId: owner.id }).create()
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(owner)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))

    const dialog = page.getByRole('dialog', { name: 'Delete Book club?' })
    await chooseFromRoomMenu(page, 'Delete room')
    await dialog.waitFor()
    assert.equal(await dialog.getByText('The room and all its messages will be deleted').count(), 1)
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Cancel')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    // Focus is back on the menu's button (the item it chose is hidden with the menu)
    assert.equal(
      await page.evaluate(() => document.activeElement?.getAttribute('aria-label')),
      'Room actions'
    )
    assert.equal(new URL(page.url()).pathname, `/rooms/${room.id}`)
    assert.isNotNull(await Room.find(room.id))

    // By keyboard: Enter opens the menu, End goes to its last item, Enter chooses it
    await page.keyboard.press('Enter')
    await page.keyboard.press('End')
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Delete room')
    await page.keyboard.press('Enter')
    await dialog.getByRole('button', { name: 'Delete room' }).click()
    await page.waitForURL('**/rooms')
    await page.locator('.alert-success', { hasText: 'Room "Book club" deleted.' }).waitFor()
    assert.isNull(await Room.find(room.id))
  })

  test('removing a member asks in a dialog naming them; Cancel keeps them', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.create()
    const guest = await UserFactory.merge({ username: 'dialog_guest' }).create()
    const room = await createPrivateRoom(owner, [guest])
    await room.merge({ name: 'Hideout' }).save()
    const context = await browser.newContext()
    cleanup(() => context.close())
    await context.loginAs(owner)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}/members`))

    const link = page.getByRole('link', { name: 'Remove dialog_guest from the room' })
    const dialog = page.getByRole('dialog', { name: 'Remove dialog_guest from Hideout?' })
    await link.click()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    assert.deepEqual(await memberIdsOf(room.id), [owner.id, guest.id])

    await link.click()
    await dialog.getByRole('button', { name: 'Remove' }).click()
    await page.locator('.alert-success', { hasText: 'The member was removed.' }).waitFor()
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
  })

  test('without JavaScript the link opens the confirmation page, whose form deletes', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ name: 'No script room', ownerId: owner.id }).create()
    const context = await browser.newContext({ javaScriptEnabled: false })
    cleanup(() => context.close())
    await context.loginAs(owner)
    const page = await context.newPage()
    await page.goto(pageUrl(`/rooms/${room.id}`))

    await chooseFromRoomMenu(page, 'Delete room', 'link')
    await page.waitForURL(`**/rooms/${room.id}/delete`)
    await page.getByRole('heading', { name: 'Delete No script room?' }).waitFor()
    await page.getByRole('button', { name: 'Delete room' }).click()
    await page.waitForURL('**/rooms')
    assert.isNull(await Room.find(room.id))
  })
})

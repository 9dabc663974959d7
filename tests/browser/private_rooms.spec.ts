import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Room from '#models/room'
import env from '#start/env'
import { UserFactory } from '#database/factories/user_factory'
import { chooseFromRoomMenu } from '#tests/helpers/message_menu'

/**
 * An absolute URL of the app under test
 */
function pageUrl(path: string) {
  return new URL(path, env.get('APP_URL')).href
}

test.group('Browser: private rooms', (group) => {
  group.each.setup(() => truncateTables())

  test('the owner creates a private room and invites someone, whose lobby shows it live; removing them closes their room page', async ({
    browser,
    browserContext,
    visit,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.merge({ username: 'priv_owner' }).create()
    const guest = await UserFactory.merge({ username: 'priv_guest' }).create()

    const guestContext = await browser.newContext()
    cleanup(() => guestContext.close())
    await guestContext.loginAs(guest)
    const lobby = await guestContext.newPage()
    await lobby.goto(pageUrl('/rooms'))
    await lobby.locator('[data-lobby][data-lobby-ready=true]').waitFor({ state: 'attached' })

    await browserContext.loginAs(owner)
    const page = await visit('/rooms')
    await page.getByLabel('Name').fill('Inner circle')
    await page.getByLabel('Private: only members you invite').check()
    await page.getByRole('button', { name: 'Create room' }).click()
    await page.waitForURL(/\/rooms\/\d+$/)
    await page.assertTextContains('.room-header .private-badge', 'Private')
    const room = await Room.findByOrFail('name', 'Inner circle')
    assert.equal(room.visibility, 'private')

    await chooseFromRoomMenu(page, 'Members')
    await page.waitForURL(`**/rooms/${room.id}/members`)
    await page.getByLabel('Username').fill('nobody')
    await page.getByRole('button', { name: 'Invite' }).click()
    await page.assertTextContains('#username-error', 'No user has this username.')
    await page.getByLabel('Username').fill('PRIV_GUEST')
    await page.getByRole('button', { name: 'Invite' }).click()
    await page.assertTextContains('.alert-success', 'priv_guest is now a member of this room.')
    await page.assertTextContains('.member-list', 'priv_guest')

    const item = lobby.locator(`.room-list [data-room-id="${room.id}"]`)
    await item.waitFor()
    await item.locator('.private-badge', { hasText: 'Private' }).waitFor()

    await item.getByRole('link', { name: 'Inner circle' }).click()
    await lobby.waitForURL(`**/rooms/${room.id}`)
    await lobby.locator('#online-list li', { hasText: 'priv_guest' }).waitFor()

    await page.getByRole('link', { name: 'Remove priv_guest from the room' }).click()
    await page
      .getByRole('dialog', { name: 'Remove priv_guest from Inner circle?' })
      .getByRole('button', { name: 'Remove' })
      .click()
    await page.assertTextContains('.alert-success', 'The member was removed.')
    await lobby
      .locator('#chat-status', { hasText: 'You are no longer a member of this room.' })
      .waitFor()
    assert.isTrue(await lobby.locator('#message-text').isDisabled())

    const reload = await lobby.goto(pageUrl(`/rooms/${room.id}`))
    assert.equal(reload?.status(), 404)
  })
})

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { chooseFromRoomMenu } from '#tests/helpers/message_menu'

test.group('Browser: accounts and rooms', (group) => {
  group.each.setup(() => truncateTables())

  test('register, log out, log in, create a room, find it, open it, delete it', async ({
    visit,
    assert,
  }) => {
    const page = await visit('/register')
    await page.getByLabel('Username').fill('browser_ana')
    await page.getByLabel('Password', { exact: true }).fill('long-password')
    await page.getByLabel('Confirm password').fill('long-password')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL('**/rooms')
    await page.assertTextContains('header', 'browser_ana')

    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL('**/login')
    await page.getByLabel('Username').fill('BROWSER_ANA')
    await page.getByLabel('Password').fill('long-password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL('**/rooms')

    await page.getByLabel('Name').fill('Astronomy night')
    await page.getByLabel('Description (optional)').fill('Telescopes & <b>stars</b>')
    await page.getByRole('button', { name: 'Create room' }).click()
    await page.waitForURL(/\/rooms\/\d+$/)
    await page.assertTextContains('h1', 'Astronomy night')
    await page.assertTextContains('.room-header', 'Telescopes & <b>stars</b>')

    await page.getByRole('link', { name: 'Rooms', exact: true }).click()
    await page.getByLabel('Search rooms').fill('astro')
    await page.getByRole('button', { name: 'Search' }).click()
    await page.locator('#main').getByRole('link', { name: 'Astronomy night' }).click()
    await page.waitForURL(/\/rooms\/\d+$/)

    await chooseFromRoomMenu(page, 'Delete room')
    await page
      .getByRole('dialog', { name: 'Delete Astronomy night?' })
      .getByRole('button', { name: 'Delete room' })
      .click()
    await page.waitForURL('**/rooms')
    await page.assertTextContains('.alert-success', 'Room "Astronomy night" deleted.')
    assert.isNull(await Room.findBy('name', 'Astronomy night'))
  })

  test('a wrong password shows the error next to the form and keeps the username', async ({
    visit,
  }) => {
    await UserFactory.merge({ username: 'browser_bob' }).create()
    const page = await visit('/login')
    await page.getByLabel('Username').fill('browser_bob')
    await page.getByLabel('Password').fill('not-my-password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.assertTextContains('[role=alert]', 'Invalid user credentials')
    await page.assertInputValue('#username', 'browser_bob')
    await page.assertInputValue('#password', '')
  })

  test('registration errors appear next to their field', async ({ visit }) => {
    const page = await visit('/register')
    await page.getByLabel('Username').fill('x')
    await page.getByLabel('Password', { exact: true }).fill('short')
    await page.getByLabel('Confirm password').fill('short')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.assertExists('#username-error')
    await page.assertExists('#password-error')
    await page.assertExists('#username[aria-invalid=true]')
    await page.assertInputValue('#username', 'x')
  })

  test('another user sees no delete button and cannot delete the room', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const other = await UserFactory.create()
    const room = await RoomFactory.merge({ name: 'Not yours', ownerId: owner.id }).create()

    await browserContext.loginAs(other)
    const page = await visit(`/rooms/${room.id}`)
    await page.assertTextContains('h1', 'Not yours')
    await page.locator('.room-menu > .menu-button').click()
    assert.deepEqual(await page.locator('.room-menu').getByRole('menuitem').allInnerTexts(), [
      'Search in this room',
      'Pinned messages',
    ])
    assert.equal(await page.locator(`a[href="/rooms/${room.id}/delete"]`).count(), 0)

    const csrfToken = await page.locator('input[name=_csrf]').first().inputValue()
    const response = await page.request.post(`/rooms/${room.id}?_method=DELETE`, {
      form: { _csrf: csrfToken },
      maxRedirects: 0,
    })
    assert.equal(response.status(), 403)
    assert.include(await response.text(), 'Only the owner of this room can delete it.')
    assert.isNotNull(await Room.find(room.id))
  })
})

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Room from '#models/room'
import env from '#start/env'
import { UserFactory } from '#database/factories/user_factory'
import app from '@adonisjs/core/services/app'
import JoinedRoomsService from '#services/rooms/joined_rooms_service'

/**
 * An absolute URL of the app under test
 */
function pageUrl(path: string) {
  return new URL(path, env.get('APP_URL')).href
}

test.group('Browser: live lobby and read markers', (group) => {
  group.each.setup(() => truncateTables())

  test("a new room appears in Bob's lobby live; once he joined, Alice's messages bring unread and mention badges that clear once Bob reads them", async ({
    browser,
    browserContext,
    visit,
    assert,
  }) => {
    const alice = await UserFactory.merge({ username: 'lobby_alice' }).create()
    const bob = await UserFactory.merge({ username: 'lobby_bob' }).create()

    const bobContext = await browser.newContext()
    await bobContext.loginAs(bob)
    const lobby = await bobContext.newPage()
    await lobby.goto(pageUrl('/rooms'))
    await lobby.locator('[data-lobby][data-lobby-ready=true]').waitFor({ state: 'attached' })

    // Alice creates a room: it shows in Bob's lobby without a reload, Alice online in it
    await browserContext.loginAs(alice)
    const page = await visit('/rooms')
    await page.getByLabel('Name').fill('Telescope club')
    await page.getByRole('button', { name: 'Create room' }).click()
    await page.waitForURL(/\/rooms\/\d+$/)
    const room = await Room.findByOrFail('name', 'Telescope club')
    // The browse page's entry (the sidebar gets one too once Bob joined)
    const item = lobby
      .locator('.room-list > li')
      .filter({ has: lobby.getByRole('link', { name: 'Telescope club' }) })
    await item.getByText('No messages yet').waitFor()
    await item.getByText('1 online').waitFor()
    // Unread counts cover joined rooms only: Bob joins it (from another device: his lobby
    // hears of the membership and counts the room from then on)
    const memberships = await app.container.make(JoinedRoomsService)
    await memberships.join(room, bob)

    // Alice posts twice, mentioning Bob once: the badges and the activity follow
    const composer = page.getByLabel('Message', { exact: true })
    await page.locator('#online-list li', { hasText: 'lobby_alice' }).waitFor()
    await composer.fill('Clear skies tonight')
    await composer.press('Enter')
    await composer.fill('@lobby_bob bring the big lens')
    await composer.press('Enter')
    await item.getByText('2 unread').waitFor()
    await item.getByText('Mentions: 1').waitFor()
    await item.getByText(/^active /).waitFor()

    // Bob opens the room in another tab: the divider is before Alice's first message, and
    // reading it clears the lobby's badges
    const roomPage = await bobContext.newPage()
    await roomPage.goto(pageUrl(`/rooms/${room.id}`))
    const divider = roomPage.getByRole('listitem').filter({ hasText: 'New messages' })
    await divider.waitFor()
    assert.include(
      await divider.evaluate((element) => element.nextElementSibling?.textContent),
      'Clear skies tonight'
    )
    await item.getByText('2 unread').waitFor({ state: 'detached' })
    await item.getByText('Mentions: 1').waitFor({ state: 'detached' })
    await item.getByText('2 online').waitFor()

    // The lobby, reloaded, agrees; the room page reloaded has no divider any more
    await lobby.reload()
    await item.getByText('2 online').waitFor()
    assert.equal(await item.locator('.badge').count(), 0)
    await roomPage.reload()
    await roomPage.getByRole('listitem').filter({ hasText: 'Clear skies tonight' }).waitFor()
    assert.equal(await divider.count(), 0)
    await bobContext.close()
  })
})

import { test } from '@japa/runner'
import env from '#start/env'
import Room from '#models/room'
import Message from '#models/message'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { joinRooms } from '#tests/helpers/memberships'
import sharp from 'sharp'

/**
 * An absolute URL of the app under test
 */
function pageUrl(path: string) {
  return new URL(path, env.get('APP_URL')).href
}

test.group('Browser: people and direct messages', (group) => {
  group.each.setup(() => truncateTables())

  test('a name opens the profile card; "Message" opens the direct conversation both people find', async ({
    browser,
    browserContext,
    visit,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({
      username: 'ana',
      displayName: 'Ana Lima',
      timeZone: 'Asia/Ho_Chi_Minh',
    }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const room = await RoomFactory.merge({
      ownerId: ana.id,
      name: 'Town square',
      lastSeq: 1,
    }).create()
    await Message.create({
      roomId: room.id,
      userId: ana.id,
      seq: 1,
      body: 'Welcome!',
      bodyHtml: '<p>Welcome!</p>',
    })

    await browserContext.loginAs(bob)
    const page = await visit(`/rooms/${room.id}`)
    const name = page.getByRole('link', { name: 'Ana Lima' })
    await name.click()
    const card = page.getByRole('dialog', { name: 'Ana Lima' })
    await card.waitFor()
    await page.assertTextContains('.profile-card', '@ana')
    await page.assertTextContains('.profile-card .profile-local-time', '(Asia/Ho_Chi_Minh)')
    await page.assertTextContains('.profile-card .presence-text', 'Offline')
    await page.keyboard.press('Escape')
    await card.waitFor({ state: 'detached' })
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Ana Lima')

    await name.click()
    await page.getByRole('button', { name: 'Message Ana Lima' }).click()
    await page.waitForURL(/\/rooms\/\d+$/)
    const conversation = await Room.findByOrFail('kind', 'direct')
    assert.equal(new URL(page.url()).pathname, `/rooms/${conversation.id}`)
    await page.assertTextContains('h1', 'Ana Lima')
    await page.getByLabel('Message', { exact: true }).fill('hi ana')
    await page.keyboard.press('Enter')
    await page.locator('#messages .message:not(.pending)', { hasText: 'hi ana' }).waitFor()

    const anaContext = await browser.newContext()
    cleanup(() => anaContext.close())
    await anaContext.loginAs(ana)
    const anaPage = await anaContext.newPage()
    await anaPage.goto(pageUrl('/direct'))
    await anaPage.getByRole('main').getByRole('link', { name: 'bob' }).click()
    await anaPage.waitForURL(`**/rooms/${conversation.id}`)
    await anaPage.locator('#messages .message', { hasText: 'hi ana' }).waitFor()
  })

  test('a group conversation starts from the form; presence follows activity', async ({
    browser,
    browserContext,
    visit,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    await UserFactory.merge({ username: 'carol', displayName: 'Carol' }).create()

    await browserContext.loginAs(bob)
    const page = await visit('/direct')
    await page.getByLabel('People').fill('ana, @carol')
    await page.getByRole('button', { name: 'Open conversation' }).click()
    await page.waitForURL(/\/rooms\/\d+$/)
    await page.assertTextContains('h1', 'ana, Carol')

    const anaContext = await browser.newContext({ timezoneId: 'Europe/Paris' })
    cleanup(() => anaContext.close())
    await anaContext.loginAs(ana)
    const anaPage = await anaContext.newPage()
    await anaPage.goto(page.url())
    const anaDot = page.locator(`#online-list [data-presence-user="${ana.id}"]`)
    await page
      .locator(`#online-list [data-presence-user="${ana.id}"][data-presence="online"]`)
      .waitFor()
    assert.equal(await anaDot.getAttribute('title'), 'Online')
    await page
      .locator(`#room-members [data-presence-user="${ana.id}"][data-presence="online"]`)
      .waitFor()

    await anaPage.evaluate(() => {
      Object.defineProperty(document, 'hidden', { value: true, configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await page
      .locator(`#online-list [data-presence-user="${ana.id}"][data-presence="away"]`)
      .waitFor()
    await anaPage.evaluate(() => {
      Object.defineProperty(document, 'hidden', { value: false, configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    await page
      .locator(`#online-list [data-presence-user="${ana.id}"][data-presence="online"]`)
      .waitFor()

    await ana.refresh()
    assert.equal(ana.timeZone, 'Europe/Paris')
  })

  test('a webhook bot’s profile card offers no "Message" button', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bot = await UserFactory.merge({
      username: 'hook-ci',
      displayName: 'CI bot',
      isBot: true,
    }).create()
    const room = await RoomFactory.merge({ ownerId: ana.id, name: 'Deploys', lastSeq: 1 }).create()
    await Message.create({
      roomId: room.id,
      userId: bot.id,
      seq: 1,
      body: 'Deployed',
      bodyHtml: '<p>Deployed</p>',
    })

    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.getByRole('link', { name: 'CI bot' }).click()
    const card = page.getByRole('dialog', { name: 'CI bot' })
    await card.getByRole('link', { name: 'Full profile' }).waitFor()
    assert.equal(await card.getByRole('button', { name: 'Message CI bot' }).count(), 0)
  })

  test('a person who comes online before the page follows presence changes still gets a green dot', async ({
    browser,
    browserContext,
    visit,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const room = await RoomFactory.merge({ ownerId: bob.id, name: 'Town square' }).create()
    await joinRooms(ana, [room])
    await joinRooms(bob, [room])

    let followPresence = () => {}
    const presenceFollowed = new Promise<void>((resolve) => (followPresence = resolve))
    await browserContext.route('**/__transmit/subscribe', async (route) => {
      if (route.request().postDataJSON().channel === 'presence') await presenceFollowed
      await route.continue()
    })
    await browserContext.loginAs(bob)
    const page = await visit(`/rooms/${room.id}`)
    await page.locator(`#online-list [data-presence-user="${bob.id}"]`).waitFor()

    const anaContext = await browser.newContext()
    cleanup(() => anaContext.close())
    await anaContext.loginAs(ana)
    const anaPage = await anaContext.newPage()
    await anaPage.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator(`#online-list [data-presence-user="${ana.id}"]`).waitFor()
    followPresence()

    await page
      .locator(`#room-members [data-presence-user="${ana.id}"][data-presence="online"]`)
      .waitFor()
  })

  test('a profile page says it when its person comes online', async ({
    browser,
    browserContext,
    visit,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana' }).create()
    const bob = await UserFactory.merge({ username: 'bob' }).create()
    const room = await RoomFactory.merge({ ownerId: bob.id, name: 'Town square' }).create()
    await browserContext.loginAs(ana)
    const page = await visit('/people/bob')
    await page.locator('.profile-presence [data-presence="offline"]').waitFor()
    await page.assertTextContains('.profile-presence > span:not(.presence)', 'Offline')

    const bobContext = await browser.newContext()
    cleanup(() => bobContext.close())
    await bobContext.loginAs(bob)
    const bobPage = await bobContext.newPage()
    await bobPage.goto(pageUrl(`/rooms/${room.id}`))

    await page.locator('.profile-presence [data-presence="online"]').waitFor()
    await page.locator('.profile-presence > span:not(.presence)', { hasText: /^Online$/ }).waitFor()
  })

  test('an uploaded avatar shows on the account page and the profile page', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana', displayName: 'Ana Lima' }).create()
    await browserContext.loginAs(ana)
    const page = await visit('/account')
    assert.equal(await page.locator('.avatar-editor .avatar-initials').textContent(), 'AL')
    const picture = await sharp({
      create: { width: 400, height: 300, channels: 3, background: '#2060c0' },
    })
      .jpeg()
      .toBuffer()
    await page
      .getByLabel('Avatar')
      .setInputFiles({ name: 'me.jpg', mimeType: 'image/jpeg', buffer: picture })
    await page.getByRole('button', { name: 'Upload avatar' }).click()
    await page.assertTextContains('.alert-success', 'Avatar saved.')
    await ana.refresh()
    const image = page.locator('.avatar-editor img.avatar')
    assert.equal(await image.getAttribute('src'), `/avatars/${ana.id}/${ana.avatarKey}/128`)
    assert.equal(
      await image.evaluate((element: HTMLImageElement) =>
        element.decode().then(() => element.naturalWidth)
      ),
      128
    )

    await page.goto(pageUrl('/people/ana'))
    await page
      .locator(`.person img.avatar[src="/avatars/${ana.id}/${ana.avatarKey}/128"]`)
      .waitFor()
  })
})

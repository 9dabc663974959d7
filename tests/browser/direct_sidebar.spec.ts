import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { truncateTables } from '#tests/helpers/database'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { joinRooms } from '#tests/helpers/memberships'
import env from '#start/env'
import { axeViolations } from '#tests/helpers/axe'
import DirectMessageService from '#services/people/direct_message_service'
import { postThroughApi } from '#tests/helpers/api_messages'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * The sidebar's direct messages section of `page`
 */
function directSection(page: Page) {
  return page
    .getByRole('navigation', { name: 'Your rooms' })
    .getByRole('region', { name: 'Direct messages' })
}

/**
 * Makes `page`'s tab hidden or visible again, as switching tabs does
 */
function setHidden(page: Page, hidden: boolean) {
  return page.evaluate((value) => {
    Object.defineProperty(document, 'hidden', { value, configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
  }, hidden)
}

test.group('Browser: direct messages in the sidebar', (group) => {
  group.each.setup(() => truncateTables())

  test('a conversation Bob starts with “+” appears live in Ana’s sidebar with its badge and Bob’s presence; “+” again finds it', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_side' }).create()
    const bob = await UserFactory.merge({ username: 'bob_side', displayName: 'Bob Tran' }).create()
    const shared = await RoomFactory.merge({ name: 'Team', ownerId: ana.id }).create()
    await joinRooms(ana, [shared])
    await joinRooms(bob, [shared])
    const [anaContext, bobContext] = await Promise.all([browser.newContext(), browser.newContext()])
    cleanup(async () => {
      await Promise.all([anaContext.close(), bobContext.close()])
    })
    await anaContext.loginAs(ana)
    await bobContext.loginAs(bob)
    const anaPage = await anaContext.newPage()
    await anaPage.goto(pageUrl('/account'))
    await anaPage.locator('[data-sidebar][data-sidebar-ready=true]').waitFor({ state: 'attached' })
    await directSection(anaPage).getByText('No conversations yet.').waitFor()

    // Bob: "+" in his sidebar, ticks Ana, opens the conversation
    const bobPage = await bobContext.newPage()
    await bobPage.goto(pageUrl('/account'))
    await directSection(bobPage).getByRole('link', { name: 'New direct message' }).click()
    await bobPage.waitForURL('**/direct/new')
    await bobPage.getByRole('checkbox', { name: 'ana_side' }).check()
    await bobPage.getByRole('button', { name: 'Open conversation' }).click()
    await bobPage.waitForURL(/\/rooms\/\d+$/)
    const conversation = await Room.findByOrFail('kind', 'direct')
    assert.equal(new URL(bobPage.url()).pathname, `/rooms/${conversation.id}`)

    // Ana's sidebar lists it without a reload; Bob has it open, so he is online
    const entry = directSection(anaPage).getByRole('link', { name: /^Bob Tran/ })
    await entry.waitFor()
    await entry.getByText('Online').waitFor()
    assert.equal(await entry.getAttribute('href'), `/rooms/${conversation.id}`)
    assert.equal(
      await entry.locator('.presence').getAttribute('data-presence'),
      'online',
      'a filled dot, and the text says it'
    )

    // Bob writes: Ana's badge counts it
    await postThroughApi(bob, conversation.id, 'Lunch?')
    await entry.getByText('1 unread message', { exact: true }).waitFor()
    assert.equal(await entry.locator('.badge.unread [aria-hidden]').textContent(), '1')

    // Bob's tab goes to the background: away; he closes it: offline
    await setHidden(bobPage, true)
    await entry.getByText('Away').waitFor()
    assert.equal(await entry.locator('.presence').getAttribute('title'), 'Away')
    await bobPage.close()
    await entry.getByText('Offline').waitFor()

    // Ana's "+" with Bob ticked finds the same conversation; its badge goes once read
    await directSection(anaPage).getByRole('link', { name: 'New direct message' }).click()
    await anaPage.waitForURL('**/direct/new')
    await anaPage.getByRole('checkbox', { name: 'Bob Tran' }).check()
    await anaPage.getByRole('button', { name: 'Open conversation' }).click()
    await anaPage.waitForURL(`**/rooms/${conversation.id}`)
    await anaPage.locator('#messages .message', { hasText: 'Lunch?' }).waitFor()
    assert.lengthOf(await Room.query().where('kind', 'direct'), 1)
    const current = directSection(anaPage).locator('a[aria-current=page]')
    await current.waitFor()
    assert.equal(await current.getAttribute('href'), `/rooms/${conversation.id}`)
    await current.locator('.badge.unread').waitFor({ state: 'detached' })
  })

  test('without JavaScript, “+” is a plain form and the sidebar’s conversation a plain link', async ({
    browser,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_plain' }).create()
    await UserFactory.merge({ username: 'bob_plain' }).create()
    const context = await browser.newContext({ javaScriptEnabled: false })
    await context.loginAs(ana)
    const page = await context.newPage()
    await page.goto(pageUrl('/account'))
    await directSection(page).getByRole('link', { name: 'New direct message' }).click()
    await page.waitForURL('**/direct/new')
    await page.getByLabel('People').fill('bob_plain')
    await page.getByRole('button', { name: 'Open conversation' }).click()
    await page.waitForURL(/\/rooms\/\d+$/)
    const conversation = await Room.findByOrFail('kind', 'direct')

    await page.goto(pageUrl('/account'))
    await directSection(page)
      .getByRole('link', { name: /^bob_plain/ })
      .click()
    await page.waitForURL(`**/rooms/${conversation.id}`)
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'bob_plain')
    await context.close()
  })

  for (const theme of ['light', 'dark']) {
    test(`axe, ${theme} theme: the sidebar's conversations with badges and presence, and the "+" page`, async ({
      browserContext,
      visit,
      assert,
    }) => {
      const ana = await UserFactory.merge({ username: 'axe_ana' }).create()
      const bob = await UserFactory.merge({ username: 'axe_bob' }).create()
      await UserFactory.merge({ username: 'axe_carol' }).create()
      const direct = new DirectMessageService()
      const { room: withBob } = await direct.open(bob, ['axe_ana'])
      await direct.open(ana, ['axe_bob', 'axe_carol'])
      await postThroughApi(bob, withBob.id, 'hello')
      await browserContext.setCookie('theme', theme)
      await browserContext.loginAs(ana)

      const page = await visit('/account')
      await directSection(page).locator('.badge.unread').waitFor()
      await directSection(page).locator('.presence[data-presence=offline]').waitFor()
      await directSection(page).locator('.sidebar-group').waitFor()
      assert.deepEqual(await axeViolations(page), [])
      await page.goto(pageUrl('/direct/new'))
      await page.getByRole('checkbox', { name: 'axe_bob' }).waitFor()
      assert.deepEqual(await axeViolations(page), [])
    })
  }
})

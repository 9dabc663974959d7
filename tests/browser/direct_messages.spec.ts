import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import env from '#start/env'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

test.group('Browser: direct messages', (group) => {
  group.each.setup(() => truncateTables())

  test('Ana starts a conversation with Bob; both see it live; anyone else gets a 404', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_dm' }).create()
    const bob = await UserFactory.merge({ username: 'bob_dm', displayName: 'Bob Tran' }).create()
    const eve = await UserFactory.merge({ username: 'eve_dm' }).create()
    const [anaContext, bobContext, eveContext] = await Promise.all([
      browser.newContext(),
      browser.newContext(),
      browser.newContext(),
    ])
    cleanup(async () => {
      await Promise.all([anaContext.close(), bobContext.close(), eveContext.close()])
    })
    await anaContext.loginAs(ana)
    await bobContext.loginAs(bob)
    await eveContext.loginAs(eve)
    const anaPage = await anaContext.newPage()
    const bobPage = await bobContext.newPage()
    const evePage = await eveContext.newPage()

    await anaPage.goto(pageUrl('/direct'))
    await anaPage.getByLabel('People').fill('bob_dm')
    await anaPage.getByRole('button', { name: 'Open conversation' }).click()
    await anaPage.waitForURL(/\/rooms\/\d+$/)
    const conversation = await Room.findByOrFail('kind', 'direct')
    assert.equal(new URL(anaPage.url()).pathname, `/rooms/${conversation.id}`)
    await anaPage.assertTextContains('h1', 'Bob Tran')

    // Bob finds it among his conversations and opens it; then each sees the other's words live
    await bobPage.goto(pageUrl('/direct'))
    await bobPage.getByRole('main').getByRole('link', { name: 'ana_dm' }).click()
    await bobPage.waitForURL(`**/rooms/${conversation.id}`)
    await anaPage.locator('#online-list li', { hasText: 'Bob Tran' }).waitFor()
    await anaPage.getByLabel('Message', { exact: true }).fill('Coffee at 3?')
    await anaPage.keyboard.press('Enter')
    await bobPage.locator('#messages .message', { hasText: 'Coffee at 3?' }).waitFor()
    await bobPage.getByLabel('Message', { exact: true }).fill('Yes!')
    await bobPage.keyboard.press('Enter')
    await anaPage.locator('#messages .message', { hasText: 'Yes!' }).waitFor()

    // Opening it again finds the same conversation
    await anaPage.goto(pageUrl('/direct'))
    await anaPage.getByLabel('People').fill('@bob_dm')
    await anaPage.getByRole('button', { name: 'Open conversation' }).click()
    await anaPage.waitForURL(`**/rooms/${conversation.id}`)
    const conversations = await Room.query().where('kind', 'direct')
    assert.deepEqual(
      conversations.map((room) => room.id),
      [conversation.id]
    )

    // Eve: the conversation does not exist, on its page and its pins
    const page = await evePage.goto(pageUrl(`/rooms/${conversation.id}`))
    assert.equal(page?.status(), 404)
    const pins = await evePage.goto(pageUrl(`/rooms/${conversation.id}/pins`))
    assert.equal(pins?.status(), 404)
    await evePage.goto(pageUrl('/direct'))
    assert.equal(await evePage.getByRole('link', { name: 'ana_dm' }).count(), 0)
  })
})

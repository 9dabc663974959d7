/// <reference lib="dom" />

import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import { truncateTables } from '#tests/helpers/database'
import type { Page } from 'playwright'
import env from '#start/env'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import RoomService from '#services/rooms/room_service'
import { joinRooms } from '#tests/helpers/memberships'
import { postThroughApi } from '#tests/helpers/api_messages'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * The names of the rooms the browse page lists, in order
 */
function listedNames(page: Page) {
  return page.locator('.room-list > li > a').allTextContents()
}

/**
 * The sidebar's room names in order
 */
function sidebarNames(page: Page) {
  return page.locator('[data-sidebar-rooms] .sidebar-room-name').allTextContents()
}

test.group('Browser: browse rooms', (group) => {
  group.each.setup(() => truncateTables())

  test('from the sidebar: search, order by name or activity, Join opens the room and the sidebar lists it; a room created meanwhile appears with its Join button', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'browse_ana' }).create()
    const bob = await UserFactory.merge({ username: 'browse_bob' }).create()
    await RoomFactory.merge({ name: 'Astronomy club', ownerId: bob.id }).create()
    await RoomFactory.merge({ name: 'Bakery', ownerId: bob.id }).create()
    const telescopes = await RoomFactory.merge({ name: 'Telescopes', ownerId: bob.id }).create()
    await joinRooms(bob, [telescopes])
    await postThroughApi(bob, telescopes.id, 'Clear skies tonight')
    await browserContext.loginAs(ana)

    const page = await visit('/account')
    assert.deepEqual(await sidebarNames(page), [])
    await page
      .getByRole('navigation', { name: 'Your rooms' })
      .getByRole('link', { name: 'Browse rooms' })
      .click()
    await page.getByRole('heading', { level: 1, name: 'Browse rooms' }).waitFor()
    assert.deepEqual(await listedNames(page), ['Telescopes', 'Bakery', 'Astronomy club'])
    assert.deepEqual(await page.locator('.room-list [data-members]').allTextContents(), [
      '1 member',
      '0 members',
      '0 members',
    ])

    await page.getByLabel('Sort by').selectOption({ label: 'Name' })
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/sort=name/)
    assert.deepEqual(await listedNames(page), ['Astronomy club', 'Bakery', 'Telescopes'])

    await page.getByLabel('Search rooms').fill('TELE')
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=TELE/)
    assert.deepEqual(await listedNames(page), ['Telescopes'])
    assert.equal(await page.getByLabel('Sort by').inputValue(), 'name')

    await page.getByRole('button', { name: 'Join Telescopes' }).click()
    await page.waitForURL(pageUrl(`/rooms/${telescopes.id}`))
    await page.getByRole('status').filter({ hasText: 'You joined “Telescopes”.' }).waitFor()
    assert.deepEqual(await sidebarNames(page), ['Telescopes'])

    // Back on the list (latest activity first): joined; a room Bob creates shows up live,
    // and its Join button works like the others
    await page.goto(pageUrl('/rooms'))
    const telescopesItem = page.locator('.room-list > li').filter({ hasText: 'Telescopes' })
    await telescopesItem.getByText('Joined').waitFor()
    await page.locator('[data-lobby][data-lobby-ready=true]').waitFor({ state: 'attached' })
    const service = await app.container.make(RoomService)
    const comets = await service.create(bob, { name: 'Comets' })
    await page.getByRole('button', { name: 'Join Comets' }).click()
    await page.waitForURL(pageUrl(`/rooms/${comets.id}`))
    await page.getByRole('status').filter({ hasText: 'You joined “Comets”.' }).waitFor()
    assert.deepEqual(await sidebarNames(page), ['Comets', 'Telescopes'])
  })

  test('without JavaScript on a 360 px phone: search, order and Join work as plain forms, nothing scrolls sideways', async ({
    browser,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'nojs_ana' }).create()
    const bob = await UserFactory.merge({ username: 'nojs_bob' }).create()
    await RoomFactory.merge({
      name: 'A rather long room name for the narrowest phones we support',
      ownerId: bob.id,
    }).create()
    const zither = await RoomFactory.merge({ name: 'Zither players', ownerId: bob.id }).create()
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 360, height: 740 },
    })
    await context.loginAs(ana)
    const page = await context.newPage()

    await page.goto(pageUrl('/rooms?sort=name'))
    assert.deepEqual(await listedNames(page), [
      'A rather long room name for the narrowest phones we support',
      'Zither players',
    ])
    assert.equal(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth
      ),
      0
    )
    await page.getByLabel('Search rooms').fill('zither')
    await page.getByRole('search').getByRole('button', { name: 'Search' }).click()
    await page.waitForURL(/q=zither&sort=name|sort=name.*q=zither/)
    assert.deepEqual(await listedNames(page), ['Zither players'])

    await page.getByRole('button', { name: 'Join Zither players' }).click()
    await page.waitForURL(pageUrl(`/rooms/${zither.id}`))
    assert.deepEqual(await sidebarNames(page), ['Zither players'])
    await context.close()
  })
})

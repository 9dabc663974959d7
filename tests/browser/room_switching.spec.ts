import { test } from '@japa/runner'
import type { Page } from 'playwright'
import { truncateTables } from '#tests/helpers/database'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import env from '#start/env'
import { joinRooms } from '#tests/helpers/memberships'
import DirectMessageService from '#services/people/direct_message_service'
import { postThroughApi } from '#tests/helpers/api_messages'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * The room's log as [seq, body] rows
 */
async function bodiesOf(roomId: number) {
  const rows = await Message.query().where('room_id', roomId).orderBy('seq')
  return rows.map((row) => [row.seq, row.body])
}

/**
 * Puts a link to `path` in the page's header navigation, as the sidebar of rooms lists them
 */
function addRoomLink(page: Page, path: string, label: string) {
  return page.evaluate(
    ([href, text]) => {
      const link = Object.assign(document.createElement('a'), { href, textContent: text })
      document.querySelector('.site-header nav')!.append(link)
    },
    [path, label]
  )
}

test.group('Browser: switching rooms', (group) => {
  group.each.setup(() => truncateTables())

  test('the sidebar’s room and conversation links swap the room in place: same page, one socket for every room, history follows; the room left still gets its badge', async ({
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_switch' }).create()
    const bob = await UserFactory.merge({ username: 'bob_switch' }).create()
    const first = await createRoomWithMessages(ana, 3, { name: 'First room', bodies: ['in first'] })
    const second = await createRoomWithMessages(ana, 2, {
      name: 'Second room',
      bodies: ['in second'],
    })
    await joinRooms(ana, [first, second])
    await joinRooms(bob, [first])
    const { room: direct } = await new DirectMessageService().open(bob, ['ana_switch'])
    await browserContext.loginAs(ana)
    const page = await browserContext.newPage()
    const sockets: string[] = []
    const joined: number[] = []
    page.on('websocket', (socket) => {
      sockets.push(socket.url())
      socket.on('framesent', ({ payload }) => {
        const frame = JSON.parse(String(payload))
        if (frame.type === 'join') joined.push(frame.room)
      })
    })
    const eventStreams: string[] = []
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/__transmit/events') eventStreams.push(request.url())
    })
    await page.goto(pageUrl(`/rooms/${first.id}`))
    await page.locator('#online-list li', { hasText: 'ana_switch' }).waitFor()
    await page.locator('[data-sidebar][data-sidebar-ready=true]').waitFor({ state: 'attached' })
    let loads = 0
    page.on('load', () => (loads += 1))
    await page.evaluate(() => Object.assign(window, { loadedOnce: true }))
    const sidebar = page.getByRole('navigation', { name: 'Your rooms' })

    // The switch asks for the room alone: the server draws no sidebar or header for it
    const [switched] = await Promise.all([
      page.waitForResponse((response) => response.request().headers()['x-page-region'] === 'chat'),
      sidebar.getByRole('link', { name: 'Second room' }).click(),
    ])
    await page.locator(`#chat[data-room-id="${second.id}"]`).waitFor()
    const switchedHtml = await switched.text()
    assert.include(switchedHtml, `data-room-id="${second.id}"`)
    assert.notInclude(switchedHtml, 'data-sidebar')
    await page.locator('#online-list li', { hasText: 'ana_switch' }).waitFor()

    assert.equal(new URL(page.url()).pathname, `/rooms/${second.id}`)
    assert.include(await page.title(), 'Second room')
    assert.deepEqual(await page.locator('#messages .message .text').allInnerTexts(), [
      'in second',
      'in second',
    ])
    assert.equal(
      await sidebar.getByRole('link', { name: 'Second room' }).getAttribute('aria-current'),
      'page'
    )
    assert.isNull(
      await sidebar.getByRole('link', { name: 'First room' }).getAttribute('aria-current')
    )
    assert.isTrue(
      await page.evaluate(() => document.activeElement === document.querySelector('#chat h1'))
    )
    assert.isTrue(await page.evaluate(() => 'loadedOnce' in window))
    assert.equal(loads, 0)
    assert.lengthOf(sockets, 1)
    assert.lengthOf(eventStreams, 1, 'one Transmit stream for the page (user_events.js)')

    // The same socket now carries the second room
    const composer = page.getByRole('textbox', { name: 'Message' })
    await composer.fill('sent in second')
    await composer.press('Enter')
    await page.locator('#messages .message[data-seq="3"]', { hasText: 'sent in second' }).waitFor()
    assert.deepEqual(await bodiesOf(second.id), [
      [1, 'in second'],
      [2, 'in second'],
      [3, 'sent in second'],
    ])

    // The direct conversation from the sidebar, on the same page and socket
    await sidebar.getByRole('link', { name: /^bob_switch/ }).click()
    await page.locator(`#chat[data-room-id="${direct.id}"]`).waitFor()
    await composer.fill('hi bob')
    await composer.press('Enter')
    await page.locator('#messages .message[data-seq="1"]', { hasText: 'hi bob' }).waitFor()
    assert.deepEqual(await bodiesOf(direct.id), [[1, 'hi bob']])
    assert.equal(
      await sidebar.getByRole('link', { name: /^bob_switch/ }).getAttribute('aria-current'),
      'page'
    )

    // A message in the room left bumps its badge in the sidebar, live
    await postThroughApi(bob, first.id, 'news in first')
    const firstLink = sidebar.getByRole('link', { name: 'First room' })
    await firstLink.getByText('1 unread message', { exact: true }).waitFor()
    assert.equal(await firstLink.locator('.badge.unread [aria-hidden]').textContent(), '1')
    assert.deepEqual(joined, [first.id, second.id, direct.id])

    // Back shows the second room again, still on the same page and socket
    await page.goBack()
    await page.locator(`#chat[data-room-id="${second.id}"]`).waitFor()
    await page.goBack()
    await page.locator(`#chat[data-room-id="${first.id}"]`).waitFor()
    await page.locator('#online-list li', { hasText: 'ana_switch' }).waitFor()
    assert.equal(new URL(page.url()).pathname, `/rooms/${first.id}`)
    await page.locator('#messages .message', { hasText: 'news in first' }).waitFor()
    await composer.fill('back in first')
    await composer.press('Enter')
    await page.locator('#messages .message[data-seq="5"]', { hasText: 'back in first' }).waitFor()
    const firstLog = await bodiesOf(first.id)
    assert.deepEqual(firstLog.at(-1), [5, 'back in first'])
    assert.lengthOf(await bodiesOf(second.id), 3)

    await page.goForward()
    await page.locator(`#chat[data-room-id="${second.id}"]`).waitFor()
    assert.include(await page.locator('#messages').innerText(), 'sent in second')
    assert.isTrue(await page.evaluate(() => 'loadedOnce' in window))
    assert.equal(loads, 0)
    assert.lengthOf(sockets, 1)
  })

  test('a link to a room one may not see loads as a page (the 404), not swapped', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await createRoomWithMessages(ana, 1)
    await browserContext.loginAs(ana)
    const page = await visit(`/rooms/${room.id}`)
    await page.locator('#online-list li').first().waitFor()
    await addRoomLink(page, '/rooms/999999', 'Missing room')

    const answer = page.waitForResponse((response) => response.url().endsWith('/rooms/999999'))
    await page.getByRole('link', { name: 'Missing room' }).click()
    await page.waitForURL('**/rooms/999999')
    const response = await answer
    assert.equal(response.status(), 404)
    assert.equal(await page.locator('#chat').count(), 0)
  })
})

import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { joinRooms } from '#tests/helpers/memberships'
import ReadMarkerService from '#services/rooms/read_marker_service'
import type User from '#models/user'
import env from '#start/env'
import { postThroughApi } from '#tests/helpers/api_messages'

/**
 * Absolute URL of a page of the app under test
 */
const pageUrl = (path: string) => `http://${env.get('HOST')}:${env.get('PORT')}${path}`

/**
 * Waits until `user`'s read marker of `roomId` reaches `seq`; how long it took
 */
async function markerReaches(user: User, roomId: number, seq: number, timeoutMs = 15_000) {
  const started = Date.now()
  const markers = new ReadMarkerService()
  while ((await markers.marker(user.id, roomId)) < seq) {
    if (Date.now() - started > timeoutMs) throw new Error(`marker never reached ${seq}`)
    await sleep(50)
  }
  return Date.now() - started
}

test.group('Browser: the read marker', (group) => {
  group.each.setup(() => truncateTables())

  test('a reader of a busy room marks it read at most every few seconds, and at once when the tab is hidden', async ({
    browserContext,
    assert,
  }) => {
    const ana = await UserFactory.merge({ username: 'ana_marks' }).create()
    const bo = await UserFactory.merge({ username: 'bo_talks' }).create()
    const room = await createRoomWithMessages(bo, 1, { bodies: ['welcome'] })
    await joinRooms(ana, [room])
    await browserContext.loginAs(ana)
    const page = await browserContext.newPage()
    const marks: Array<{ at: number; via: 'socket' | 'post' }> = []
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (request.method() === 'POST' && pathname === `/rooms/${room.id}/read`) {
        marks.push({ at: Date.now(), via: 'post' })
      }
    })
    page.on('websocket', (socket) => {
      socket.on('framesent', ({ payload }) => {
        const frame = JSON.parse(String(payload))
        if (frame.type === 'read' && frame.room === room.id) {
          marks.push({ at: Date.now(), via: 'socket' })
        }
      })
    })
    await page.goto(pageUrl(`/rooms/${room.id}`))
    await page.locator('#online-list li', { hasText: 'ana_marks' }).waitFor()
    await markerReaches(ana, room.id, 1)
    marks.length = 0

    // Six messages, 700 ms apart: each would have been marked on its own, half a second later
    for (let index = 2; index <= 7; index++) {
      await postThroughApi(bo, room.id, `news ${index}`)
      await page.locator(`#messages .message[data-seq="${index}"]`).waitFor()
      await sleep(700)
    }
    await markerReaches(ana, room.id, 7)
    const times = marks.map(({ at }) => at - marks[0].at).join(', ')
    assert.isAtMost(marks.length, 3, `marks at ${times} ms`)
    for (const [index, { at }] of marks.entries()) {
      if (index > 0) assert.isAtLeast(at - marks[index - 1].at, 4900)
    }
    // …on the chat socket: no HTTP request per reader of a busy room
    assert.deepEqual(
      marks.map(({ via }) => via),
      marks.map(() => 'socket')
    )

    // A message read just before the tab is hidden is marked at once, not five seconds later
    await postThroughApi(bo, room.id, 'last one')
    await page.locator('#messages .message[data-seq="8"]').waitFor()
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, value: 'hidden' })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    assert.isBelow(await markerReaches(ana, room.id, 8), 2000)
    // …posted, so that it outlives the page
    assert.equal(marks.at(-1)?.via, 'post')
  })
})

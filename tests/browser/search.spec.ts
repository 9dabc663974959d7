import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { DateTime } from 'luxon'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { axeViolations } from '#tests/helpers/axe'

test.group('Browser: message search', (group) => {
  group.each.setup(() => truncateTables())

  test('search from the room page, open a result, see the message highlighted in context', async ({
    visit,
    browserContext,
    assert,
  }) => {
    const user = await UserFactory.create()
    const room = await RoomFactory.merge({ ownerId: user.id, name: 'Ops' }).create()
    const start = DateTime.now().minus({ days: 1 })
    await Message.createMany(
      Array.from({ length: 60 }, (_, index) => ({
        roomId: room.id,
        userId: user.id,
        seq: index + 1,
        body: index + 1 === 45 ? 'The Kubernetes upgrade is done' : `routine note ${index + 1}`,
        createdAt: start.plus({ minutes: index }),
      }))
    )
    room.lastSeq = 60
    await room.save()

    await browserContext.loginAs(user)
    const page = await visit(`/rooms/${room.id}`)
    await page.getByRole('button', { name: 'Room actions' }).click()
    await page.getByRole('menuitem', { name: 'Search in this room' }).click()
    await page.waitForURL(`**/search?room=${room.id}`)
    await page.getByRole('searchbox', { name: 'Words to find' }).fill('kube')
    await page.getByRole('button', { name: 'Search', exact: true }).click()
    await page.waitForURL(
      (url) => url.searchParams.get('q') === 'kube' && url.searchParams.get('room') === `${room.id}`
    )
    await page.assertTextContains('h1', 'Search messages in Ops')
    await page.assertTextContains('.result-count', '1 message matches “kube”.')
    assert.equal(await page.locator('.result-list mark').textContent(), 'Kube')
    assert.deepEqual(await axeViolations(page), [])

    await page.getByRole('link', { name: `${user.username} in Ops` }).click()
    await page.waitForURL(`**/rooms/${room.id}/messages/45#message-45`)
    const target = page.locator('#message-45')
    assert.equal(await target.getAttribute('aria-current'), 'true')
    await page.assertTextContains('#message-45', 'The Kubernetes upgrade is done')
    await page.assertTextContains('#message-45', 'Found message')
    // The text is laid out as in the room: under the name, beside the avatar
    const [textBox, authorBox] = await Promise.all([
      target.locator('.text').boundingBox(),
      target.locator('.author').boundingBox(),
    ])
    assert.isAtLeast(textBox!.x, authorBox!.x)
    assert.isAbove(textBox!.y, authorBox!.y)
    assert.isTrue(
      await target.evaluate((element) => {
        const box = element.getBoundingClientRect()
        return box.top >= 0 && box.bottom <= window.innerHeight
      })
    )
    assert.equal(await page.locator('.context-messages > li').count(), 36)
    assert.deepEqual(await axeViolations(page), [])

    await page.getByRole('link', { name: 'Open the room' }).first().click()
    await page.waitForURL(`**/rooms/${room.id}`)
  })
})

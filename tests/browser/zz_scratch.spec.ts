import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'

test.group('scratch', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  test('shots', async ({ visit, browserContext }) => {
    const user = await UserFactory.merge({ username: 'a_rather_long_username_here' }).create()
    await createRoomWithMessages(user, 3, { name: 'Phòng Việt Nam', description: 'Trò chuyện' })
    const page = await visit('/')
    await page.setViewportSize({ width: 360, height: 740 })
    await page.locator('details.preferences summary').click()
    await page.screenshot({ path: '/tmp/shot_home_phone.png', fullPage: true })
    await page.goto('/register')
    await page.locator('form[action="/register"] button[type=submit]').click()
    await page.locator('#username-error').waitFor()
    await page.screenshot({ path: '/tmp/shot_register_phone.png', fullPage: true })
    await browserContext.loginAs(user)
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.goto('/rooms?q=viet')
    await page.locator('details.preferences summary').click()
    await page.screenshot({ path: '/tmp/shot_rooms.png', fullPage: true })
    await page.setViewportSize({ width: 360, height: 740 })
    await page.goto('/rooms')
    await page.screenshot({ path: '/tmp/shot_rooms_phone.png', fullPage: true })
  })
})

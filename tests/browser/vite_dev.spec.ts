import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { startAppProcess } from '#tests/helpers/app_process'
import { freePort } from '#helpers/free_port'

test.group('Browser: development with Vite (node ace serve)', (group) => {
  group.each.setup(() => truncateTables())

  test("Vite's dev server serves the modules and its HMR client under the CSP; the room works", async ({
    browser,
    assert,
    cleanup,
  }) => {
    const hmrPort = await freePort()
    const port = await freePort()
    const origin = `http://127.0.0.1:${port}`
    // DEV_MODE and VITE_HMR_PORT: what `node ace serve` sets for the app it runs
    const web = await startAppProcess({
      NODE_ENV: 'development',
      DEV_MODE: 'true',
      VITE_HMR_PORT: String(hmrPort),
      PORT: String(port),
      APP_URL: origin,
    })
    cleanup(async () => {
      await web.stop()
    })
    const ana = await UserFactory.merge({
      username: 'ana_dev',
      password: 'secret-password',
    }).create()
    const room = await createRoomWithMessages(ana, 2, { bodies: ['hello from dev'] })
    const context = await browser.newContext()
    cleanup(() => context.close())
    const page = await context.newPage()
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text())
    })
    page.on('pageerror', (error) => problems.push(error.message))
    const sockets: string[] = []
    page.on('websocket', (socket) => sockets.push(new URL(socket.url()).port))

    await page.goto(`${origin}/login`)
    await page.locator('#username').fill('ana_dev')
    await page.locator('#password').fill('secret-password')
    await page.locator('#password').press('Enter')
    await page.waitForURL(`${origin}/rooms`)
    await page.goto(`${origin}/rooms/${room.id}`)
    await page.locator('#online-list li', { hasText: 'ana_dev' }).waitFor()

    const scripts = await page
      .locator('script[src]')
      .evaluateAll((elements) => elements.map((element) => element.getAttribute('src')))
    assert.includeMembers(scripts, [
      '/@vite/client',
      '/resources/js/app.js',
      '/resources/js/room.js',
    ])
    await page.getByRole('textbox', { name: 'Message' }).fill('sent in dev')
    await page.getByRole('textbox', { name: 'Message' }).press('Enter')
    await page.locator('#messages .message[data-seq="3"]', { hasText: 'sent in dev' }).waitFor()
    assert.include(sockets, String(hmrPort), "Vite's HMR socket connected")
    assert.deepEqual(problems, [])
  })
})

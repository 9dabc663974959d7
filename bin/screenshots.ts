/*
|--------------------------------------------------------------------------
| README screenshots
|--------------------------------------------------------------------------
|
| Takes docs/screenshots/{light,dark,phone,vietnamese}.png of a room page with Playwright in
| the system's Chromium (/usr/bin/chromium, or CHROMIUM_PATH; never a downloaded browser),
| against a running app with the demo users (`node ace db:seed`):
|
|   node ace serve                       # in one terminal
|   node --import @poppinss/ts-exec bin/screenshots.ts [http://localhost:3333]
|
| It creates the room "Book club" with a short conversation by alice and bob through the JSON
| API the first time, then photographs it as alice.
*/
import { join } from 'node:path'
import { chromium } from 'playwright'

const BASE = process.argv[2] ?? process.env.APP_URL ?? 'http://localhost:3333'
const PASSWORD = 'password123'
const OUT = join(import.meta.dirname, '..', 'docs', 'screenshots')

const CONVERSATION: Array<['alice' | 'bob', string]> = [
  ['alice', 'Has everyone finished “The Remains of the Day”?'],
  ['alice', 'I loved the ending, but no spoilers here!'],
  ['bob', 'Almost! Two chapters to go.'],
  ['bob', 'Chào cả nhà! Tháng sau mình đọc *Nỗi buồn chiến tranh* nhé?'],
  ['alice', 'Yes, and I can bring the **Vietnamese edition**.'],
  ['alice', 'Friday at 6 pm at the library, as usual?'],
  ['bob', 'Works for me @alice. See you there!'],
]

/**
 * A 30-day API token of `username`
 */
async function tokenOf(username: string) {
  const response = await fetch(`${BASE}/api/v1/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  })
  if (!response.ok)
    throw new Error(`Log-in of ${username} failed (${response.status}): seed the demo users`)
  return ((await response.json()) as { token: string }).token
}

/**
 * `path` of the JSON API as the holder of `token`
 */
async function api(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${BASE}/api/v1${path}`, {
    method,
    headers: {
      'authorization': `Bearer ${token}`,
      'accept': 'application/json',
      'content-type': 'application/json',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response.json() as Promise<any>
}

const tokens = { alice: await tokenOf('alice'), bob: await tokenOf('bob') }
const found = await api(tokens.alice, 'GET', `/rooms?q=${encodeURIComponent('Book club')}`)
let room = found.data.find((candidate: { name: string }) => candidate.name === 'Book club')
if (!room) {
  const created = await api(tokens.alice, 'POST', '/rooms', {
    name: 'Book club',
    description: 'One book a month, talked over on Fridays',
  })
  room = created.data
  for (const [author, text] of CONVERSATION) {
    await api(tokens[author], 'POST', `/rooms/${room.id}/messages`, { text })
  }
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
})
const shots = [
  { file: 'light.png', theme: 'light', locale: 'en', viewport: { width: 1280, height: 800 } },
  { file: 'dark.png', theme: 'dark', locale: 'en', viewport: { width: 1280, height: 800 } },
  { file: 'phone.png', theme: 'light', locale: 'en', viewport: { width: 360, height: 740 } },
  { file: 'vietnamese.png', theme: 'light', locale: 'vi', viewport: { width: 1280, height: 800 } },
]
for (const shot of shots) {
  const context = await browser.newContext({
    viewport: shot.viewport,
    timezoneId: 'Asia/Ho_Chi_Minh',
  })
  const page = await context.newPage()
  await page.goto(`${BASE}/login`)
  await page.locator('#username').fill('alice')
  await page.locator('#password').fill(PASSWORD)
  await page.locator('#password').press('Enter')
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
  // Theme and language as a person picks them (the server remembers them in signed cookies)
  for (const [name, value] of [
    ['theme', shot.theme],
    ['locale', shot.locale],
  ]) {
    // On a phone the preferences are in the header's menu
    const menu = page.locator('.site-menu-toggle')
    if (await menu.isVisible()) await menu.click()
    await page.locator('details.preferences summary').click()
    await page.locator(`button[name=${name}][value=${value}]`).click()
    await page.waitForLoadState('load')
  }
  await page.goto(`${BASE}/rooms/${room.id}`)
  await page.locator('#online-list li a').first().waitFor({ state: 'attached' })
  await page.locator('#messages .message').last().hover()
  await page.screenshot({ path: join(OUT, shot.file) })
  console.log(`docs/screenshots/${shot.file}`)
  await context.close()
}
await browser.close()

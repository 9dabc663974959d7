/// <reference lib="dom" />

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import type { Page } from 'playwright'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import { axeViolations } from '#tests/helpers/axe'
import MailLinkTokens from '#services/account/mail_link_tokens'
import type User from '#models/user'
import type Room from '#models/room'
import type { Assert } from '@japa/assert'
import { appOrigin } from '#tests/helpers/chat_fixtures'

const variants = [
  { theme: 'light', locale: 'en' },
  { theme: 'dark', locale: 'en' },
  { theme: 'light', locale: 'vi' },
  { theme: 'dark', locale: 'vi' },
]

test.group('Browser: accessibility (axe, WCAG 2.2 AA)', (group) => {
  group.each.setup(() => truncateTables())

  test('every page in light and dark themes, English and Vietnamese: no serious or critical violation', async ({
    browser,
    assert,
    cleanup,
  }) => {
    const owner = await UserFactory.merge({
      username: 'an_nguyen',
      email: 'an@example.com',
    }).create()
    const resetToken = await new MailLinkTokens().issue(owner, 'password_reset', 'an@example.com')
    const reader = await UserFactory.merge({ username: 'binh_tran' }).create()
    const room = await createRoomWithMessages(owner, 60, {
      name: 'Phòng Việt Nam',
      description: 'Trò chuyện bằng tiếng Việt',
      authors: [owner, reader],
    })
    const shared = { reader, room, resetToken }

    // The four variants at once, each in its own browser context with its own room to change
    const found = await Promise.all(
      variants.map(async (variant, index) => {
        const context = await browser.newContext({ baseURL: appOrigin })
        cleanup(() => context.close())
        await context.setCookie('theme', variant.theme)
        await context.setCookie('locale', variant.locale)
        const bookClub = await RoomFactory.merge({
          name: `Book club ${index + 1}`,
          ownerId: reader.id,
        }).create()
        const page = await context.newPage()
        return checkEveryPage(page, { ...variant, ...shared, bookClub, index }, assert)
      })
    )
    assert.deepEqual(Object.assign({}, ...found), {})
  })
})

/**
 * Visits every page (and dialog, menu and form error) as one variant sees it and
 * returns axe's findings by "<theme> <locale>: <page>"
 */
async function checkEveryPage(
  page: Page,
  variant: (typeof variants)[number] & {
    reader: User
    room: Room
    bookClub: Room
    resetToken: string
    index: number
  },
  assert: Assert
) {
  const { theme, locale, reader, room, bookClub, resetToken } = variant
  const found: Record<string, string[]> = {}
  const record = (name: string, violations: string[]) => {
    if (violations.length > 0) found[`${theme} ${locale}: ${name}`] = violations
  }
  const check = async (name: string) => {
    assert.equal(await page.locator('html').getAttribute('data-theme'), theme, name)
    assert.equal(await page.locator('html').getAttribute('lang'), locale, name)
    await openPreferences(page)
    record(name, await axeViolations(page))
  }

  await page.goto('/')
  await check('home')
  await page.goto('/register')
  await check('register')
  await page.goto('/login')
  await page.locator('form[action="/login"] button[type=submit]').click()
  await page.locator('#username-error').waitFor()
  await check('login with field errors')
  await page.locator('#username').fill(`nobody_${variant.index}`)
  await page.locator('#password').fill('not-the-password')
  await page.locator('form[action="/login"] button[type=submit]').click()
  await page.locator('[role=alert]').waitFor()
  await check('login with a wrong password')
  await page.goto('/forgot-password')
  await check('forgot password')
  await page.goto(`/reset-password/${resetToken}`)
  await check('new password form')
  await page.goto('/reset-password/no-such-token')
  await check('unusable reset link page')

  await page.context().loginAs(reader)
  await page.goto('/rooms')
  await check('browse rooms')
  await page.goto(`/rooms?q=${encodeURIComponent('phong viet')}`)
  assert.equal(await page.locator('.room-list li').count(), 1)
  await check('search results')
  await page.goto(`/rooms/${room.id}/messages/1/replies`)
  await check('thread page')
  await page.goto(`/rooms/${room.id}`)
  await page.locator('#messages .message').first().waitFor()
  await check('room page with messages')
  await submitForgedDelete(page)
  await check('403 page')
  await page.goto(`/rooms/${bookClub.id}`)
  await check('room page of its owner')
  await page.locator('.room-menu > .menu-button').focus()
  await page.keyboard.press('Enter')
  await page.locator('.room-menu [role=menu]').waitFor()
  record('room actions menu', await axeViolations(page))
  await page.keyboard.press('End')
  await page.keyboard.press('Enter')
  await page.locator('#confirm-dialog[open]').waitFor()
  record('delete dialog', await axeViolations(page))
  await page.keyboard.press('Escape')
  await page.goto(`/rooms/${bookClub.id}/delete`)
  await check('delete confirmation page')
  await page.goto('/rooms/999999')
  await check('404 page of a missing room')
  await page.goto('/no-such-page')
  await check('404 page of an unknown address')
  await page.goto('/account')
  await check('account page')
  await page.locator('form[action^="/account/password"] button[type=submit]').click()
  await page.locator('#currentPassword-error').waitFor()
  await check('account page with field errors')
  await page.goto(`/rooms/${bookClub.id}/invites`)
  await page.locator('form[action$="/invites"] button[type=submit]').click()
  await page.locator('#invite-link').waitFor()
  await check('room invite links with a new link')
  await page.goto(new URL(await page.locator('#invite-link').inputValue()).pathname)
  await check('invite page, signed in')
  await page.goto('/invite/no-such-token')
  await check('unusable invite page')
  await page.goto(`/rooms/${bookClub.id}/settings`)
  await check('room settings')
  await page.locator('#name').fill(room.name)
  await page.locator('form[action*="/settings"] button[type=submit]').click()
  await page.locator('#name-error').waitFor()
  await check('room settings with field errors')
  await page.locator('form[action$="/archive"] button[type=submit]').click()
  await page.locator('.alert-success').waitFor()
  await page.goto(`/rooms/${bookClub.id}`)
  await page.locator('[data-archived-notice]').waitFor()
  await check('archived room page')
  await page.goto('/api/docs')
  await check('JSON API reference')
  return found
}

/**
 * Opens the theme and language panel, so its controls are checked too
 */
async function openPreferences(page: Page) {
  const summary = page.locator('details.preferences summary')
  if ((await summary.count()) > 0) await summary.click()
}

/**
 * Posts the delete form of a room the user does not own, as a browser
 * would, and waits for the refusal page
 */
async function submitForgedDelete(page: Page) {
  await page.evaluate(() => {
    const form = document.createElement('form')
    form.method = 'post'
    form.action = `${window.location.pathname}?_method=DELETE`
    form.append(document.querySelector('input[name=_csrf]')!.cloneNode())
    document.body.append(form)
    form.submit()
  })
  await page.waitForURL((url) => url.search.includes('_method=DELETE'))
}

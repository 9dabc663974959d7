import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { mailTasks } from '#helpers/background_tasks'
import { mailbox } from '#tests/helpers/mailbox'

test.group('Browser: password reset by e-mail', (group) => {
  group.each.setup(() => truncateTables())
  group.each.setup(() => mailbox.clear())

  test('from the login page to the mail viewer, a new password, and a link that works once', async ({
    visit,
    assert,
  }) => {
    await UserFactory.merge({ username: 'forgetful', email: 'forgetful@example.com' }).create()
    const page = await visit('/login')

    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.waitForURL('**/forgot-password')
    await page.getByLabel('E-mail address').fill('forgetful@example.com')
    await page.getByRole('button', { name: 'Send reset link' }).click()
    await page.assertTextContains('.alert-success', 'If an account uses this address')
    await mailTasks.idle()

    await page.goto('/dev/mail')
    await page.getByRole('link', { name: 'Reset your Roomchat password' }).click()
    await page.assertTextContains('main', 'forgetful@example.com')
    const link = page.locator('#mail-links a')
    const resetUrl = await link.getAttribute('href')
    assert.match(resetUrl ?? '', /\/reset-password\/[A-Za-z0-9_-]{43}$/)
    await link.click()
    await page.assertTextContains('h1', 'Set a new password')

    await page.getByLabel('New password').fill('short')
    await page.getByLabel('Confirm password').fill('short')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.assertTextContains('#password-error', 'at least 8 characters')
    assert.equal(page.url(), resetUrl)
    await page.getByLabel('New password').fill('remembered-now')
    await page.getByLabel('Confirm password').fill('remembered-now')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.waitForURL('**/login')
    await page.assertTextContains('.alert-success', 'Your password was changed.')

    await page.getByLabel('Username').fill('forgetful')
    await page.getByLabel('Password').fill('remembered-now')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.waitForURL('**/rooms')

    await page.goto(resetUrl!)
    await page.assertTextContains('[role=alert]', 'This link is not valid or was already used.')
  })
})

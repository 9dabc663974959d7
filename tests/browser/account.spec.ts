import { test } from '@japa/runner'
import hash from '@adonisjs/core/services/hash'
import { truncateTables } from '#tests/helpers/database'
import User from '#models/user'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

test.group('Browser: account page', (group) => {
  group.each.setup(() => truncateTables())

  test('reached from the header by keyboard: change the password, revoke a token, export, refused deletion', async ({
    browserContext,
    visit,
    assert,
  }) => {
    const user = await UserFactory.merge({ username: 'acct_walker' }).create()
    await RoomFactory.merge({ ownerId: user.id, name: 'Walker room' }).create()
    await User.accessTokens.create(user, ['*'], { name: 'old-laptop' })
    await browserContext.loginAs(user)
    const page = await visit('/rooms')

    const accountLink = page.getByRole('link', { name: 'Account' })
    await accountLink.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL('**/account')
    await page.assertTextContains('h1', 'Account of acct_walker')
    await page.assertTextContains('#sessions', 'this device')

    // The e-mail form asks the password too: the password section's field
    const passwordSection = page.locator('section[aria-labelledby="password-heading"]')
    await passwordSection.getByLabel('Current password').fill('not-my-password')
    await page.getByLabel('New password', { exact: true }).fill('walker-new-password')
    await page.getByLabel('Confirm new password').fill('walker-new-password')
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.assertTextContains('#currentPassword-error', 'The password is wrong')
    assert.equal(await passwordSection.getByLabel('Current password').inputValue(), '')

    await passwordSection.getByLabel('Current password').fill('secret-password')
    await page.getByLabel('New password', { exact: true }).fill('walker-new-password')
    await page.getByLabel('Confirm new password').fill('walker-new-password')
    await page.getByRole('button', { name: 'Change password' }).click()
    await page.assertTextContains('.alert-success', 'Password changed.')
    await user.refresh()
    assert.isTrue(await hash.verify(user.password, 'walker-new-password'))

    await page.getByRole('button', { name: /Revoke: old-laptop/ }).click()
    await page.assertTextContains('.alert-success', 'The API token was revoked.')
    await page.assertTextContains('main', 'You have no API tokens.')

    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Download my data (JSON)' }).click()
    const file = await download
    assert.equal(file.suggestedFilename(), 'roomchat-acct_walker.json')

    await page.getByLabel('Password', { exact: true }).fill('walker-new-password')
    await page.getByRole('button', { name: 'Delete my account' }).click()
    await page.assertTextContains(
      '#deletePassword-error',
      'You still own rooms: delete them before deleting your account'
    )
    await page.assertTextContains('main', 'Walker room')
    await user.refresh()
    assert.equal(user.username, 'acct_walker')
  })
})

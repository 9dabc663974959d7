import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { RegistrationMode } from '#services/invites/registration_policy'

/**
 * Runs the rest of the test under REGISTRATION=`mode`
 */
function useMode(mode: RegistrationMode, cleanup: (fn: () => void) => void) {
  const before = app.config.get('registration.mode')
  app.config.set('registration.mode', mode)
  cleanup(() => app.config.set('registration.mode', before))
}

/**
 * How many links to the sign-up form a page holds
 */
const signUpLinks = (html: string) => html.split('href="/register"').length - 1

test.group('Links to the sign-up form', () => {
  test('{mode}: the home page has {home}, the login page {login}')
    .with([
      { mode: 'open', home: 2, login: 2 },
      { mode: 'invite', home: 0, login: 0 },
      { mode: 'closed', home: 0, login: 0 },
    ] as const)
    .run(async ({ client, assert, cleanup }, { mode, home, login }) => {
      useMode(mode, cleanup)

      const homePage = await client.get('/')
      homePage.assertStatus(200)
      assert.equal(signUpLinks(homePage.text()), home, 'header link and "Create an account"')
      homePage.assertTextIncludes('href="/login"')

      const loginPage = await client.get('/login')
      loginPage.assertStatus(200)
      assert.equal(signUpLinks(loginPage.text()), login, 'header link and "New here?"')
    })
})

import env from '#start/env'
import { CookieJar } from '#tests/helpers/cookie_jar'
import type User from '#models/user'

/**
 * The running test server's base URL
 */
export const appUrl = `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * Where the server redirects the browser for `path` (null: no redirect)
 */
export async function redirectOf(browser: CookieJar, path: string) {
  const response = await browser.fetch(`${appUrl}${path}`)
  return response.headers.get('location')
}

/**
 * A browser signed in through the login form as `user` (factory password),
 * its session tagged with its user agent by a first signed-in page
 */
export async function signedInBrowser(user: User, userAgent: string) {
  const browser = new CookieJar()
  const response = await browser.submit(
    `${appUrl}/login`,
    `${appUrl}/login`,
    { username: user.username, password: 'secret-password' },
    { 'user-agent': userAgent }
  )
  if (response.headers.get('location') !== '/rooms') {
    throw new Error(`login failed: ${response.status}`)
  }
  await browser.fetch(`${appUrl}/rooms`, { headers: { 'user-agent': userAgent } })
  return browser
}

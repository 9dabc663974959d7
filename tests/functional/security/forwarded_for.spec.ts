import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { UserFactory } from '#database/factories/user_factory'
import { LOGIN_ATTEMPTS } from '#services/auth/login_throttle'
import { startAppProcess, type AppProcess } from '#tests/helpers/app_process'
import { CookieJar } from '#tests/helpers/cookie_jar'

/**
 * Wrong logins for `username`, each claiming its own X-Forwarded-For address;
 * returns the statuses and the claimed addresses
 */
async function guessWithForgedAddresses(web: AppProcess, username: string, count: number) {
  const statuses = []
  const claimed = []
  for (let attempt = 1; attempt <= count; attempt++) {
    const address = `203.0.113.${attempt}`
    const response = await new CookieJar().submit(
      `${web.url}/login`,
      `${web.url}/login`,
      { username, password: `wrong-${attempt}` },
      { 'x-forwarded-for': address }
    )
    statuses.push(response.status)
    claimed.push(address)
  }
  return { statuses, claimed }
}

/**
 * Client IPs of the access-log lines of POST /login
 */
function loggedLoginAddresses(output: string) {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
    .filter(
      (line) => line.msg === 'http request' && line.method === 'POST' && line.url === '/login'
    )
    .map((line) => line.ip)
}

test.group(
  'Security: X-Forwarded-For only from TRUSTED_PROXIES (production processes)',
  (group) => {
    group.each.setup(() => truncateTables())

    test('a client that is no configured proxy cannot pick its IP: the limits and logs see its own', async ({
      assert,
      cleanup,
    }) => {
      const web = await startAppProcess({ TRUSTED_PROXIES: '', LOG_LEVEL: 'info' })
      cleanup(async () => {
        await web.stop()
      })
      const user = await UserFactory.merge({
        username: `spoof_${randomUUID().slice(0, 8)}`,
      }).create()

      const { statuses, claimed } = await guessWithForgedAddresses(
        web,
        user.username,
        LOGIN_ATTEMPTS + 1
      )
      await web.stop()

      assert.deepEqual(statuses, [...Array(LOGIN_ATTEMPTS).fill(302), 429])
      assert.deepEqual(
        loggedLoginAddresses(web.output()),
        Array(LOGIN_ATTEMPTS + 1).fill('127.0.0.1')
      )
      for (const address of claimed) {
        assert.notInclude(web.output(), address)
      }
    })

    test('behind a configured proxy, each forwarded client has its own limit and is logged as itself', async ({
      assert,
      cleanup,
    }) => {
      const web = await startAppProcess({ TRUSTED_PROXIES: '127.0.0.1', LOG_LEVEL: 'info' })
      cleanup(async () => {
        await web.stop()
      })
      const user = await UserFactory.merge({
        username: `proxied_${randomUUID().slice(0, 8)}`,
      }).create()

      const { statuses, claimed } = await guessWithForgedAddresses(
        web,
        user.username,
        LOGIN_ATTEMPTS + 1
      )
      await web.stop()

      assert.deepEqual(statuses, Array(LOGIN_ATTEMPTS + 1).fill(302))
      assert.deepEqual(loggedLoginAddresses(web.output()), claimed)
    })
  }
)

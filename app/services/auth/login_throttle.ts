import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import User from '#models/user'
import AccountDeactivatedException from '#exceptions/account_deactivated_exception'
import LoginBusyException from '#exceptions/login_busy_exception'
import { passwordCheckQueueFull, queuePasswordCheck } from '#services/auth/password_check_queue'

/**
 * Failed logins allowed per IP and username within a minute before a one-minute pause
 */
export const LOGIN_ATTEMPTS = 5

/**
 * Failed logins allowed per username from all addresses together within 15 minutes
 * before a 15-minute pause: many addresses guessing one password get a 429 too
 */
export const ACCOUNT_LOGIN_ATTEMPTS = 10

/**
 * Verifies credentials (username in any case). Each failure counts against
 * the IP + username pair and against the username alone (existing or not, so
 * the answer never reveals which accounts exist). Past either limit, tries are
 * refused with a ThrottleException (429) until the pause ends, even with the
 * right password; a success resets both counters. A deactivated account's
 * right credentials get E_ACCOUNT_DEACTIVATED. While the password-check queue
 * is full the try is refused with LoginBusyException (503) and not counted.
 */
export async function verifyCredentialsThrottled(ip: string, username: string, password: string) {
  if (passwordCheckQueueFull()) {
    throw new LoginBusyException()
  }
  const name = username.toLowerCase()
  const perAddress = limiter.use({
    requests: LOGIN_ATTEMPTS,
    duration: '1 min',
    blockDuration: '1 min',
  })
  const perAccount = limiter.use({
    requests: ACCOUNT_LOGIN_ATTEMPTS,
    duration: '15 min',
    blockDuration: '15 min',
  })
  try {
    const [addressError, user] = await perAddress.penalize(`login_${ip}_${name}`, async () => {
      const [accountError, verified] = await perAccount.penalize(`login_account_${name}`, () =>
        verify(username, password)
      )
      if (accountError) {
        throw accountError
      }
      return verified
    })
    if (addressError) {
      throw addressError
    }
    if (user.deactivatedAt) {
      throw new AccountDeactivatedException()
    }
    return user
  } catch (error) {
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      const seconds = error.response.availableIn
      throw error
        .setMessage(`Too many login attempts. Try again in ${seconds} seconds.`)
        .t('errors.login_throttled', { seconds })
    }
    throw error
  }
}

/**
 * The user with these credentials, or E_INVALID_CREDENTIALS; the hash is
 * checked in its turn (password_check_queue.ts)
 */
async function verify(username: string, password: string) {
  const existing = await User.findByUsername(username)
  return queuePasswordCheck(() => User.verifyCredentials(existing?.username ?? username, password))
}

import { errors as authErrors } from '@adonisjs/auth'
import { verifyCredentialsThrottled } from '#services/auth/login_throttle'
import AccountRefusedException from '#exceptions/account_refused_exception'
import type User from '#models/user'

/**
 * Checks the password of a signed-in user before a sensitive change. Wrong
 * guesses count against the same limits as logins (per IP and username, and
 * per username), so the account page is no way around them: E_WRONG_PASSWORD
 * under `field`, or a 429 once the limit is reached.
 */
export async function checkPassword(ip: string, user: User, password: string, field: string) {
  try {
    await verifyCredentialsThrottled(ip, user.username, password)
  } catch (error) {
    if (error instanceof authErrors.E_INVALID_CREDENTIALS) {
      throw new AccountRefusedException('E_WRONG_PASSWORD', field)
    }
    throw error
  }
}

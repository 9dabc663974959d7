import { accountEmail, emailRequired } from '#config/mail'
import EmailRequiredException from '#exceptions/email_required_exception'
import type User from '#models/user'

/**
 * Routes an account lacking a required (or verified) address may still
 * use: its account page and API, and signing out
 */
const ALWAYS_ALLOWED =
  /^(account|api\.account)[._]|^session\.destroy$|^api\.access_tokens\.destroy$/

/**
 * Refuses every other route to an account without the address the
 * operator requires (EMAIL_REQUIRED) or with it unverified
 * (EMAIL_VERIFICATION=required)
 */
export function assertEmailRequirementMet(user: User, routeName: string | undefined) {
  if (routeName && ALWAYS_ALLOWED.test(routeName)) return
  if (emailRequired() && !user.email) {
    throw new EmailRequiredException('E_EMAIL_MISSING')
  }
  if (accountEmail.verification === 'required' && !user.emailVerifiedAt) {
    throw new EmailRequiredException('E_EMAIL_UNVERIFIED')
  }
}

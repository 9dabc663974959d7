import { urlFor } from '@adonisjs/core/services/url_builder'
import { appUrl } from '#config/app'

/**
 * The absolute URL of a mailed link (APP_URL + the route's path)
 */
export function mailLinkUrl(
  route: 'password_resets.show' | 'email_verifications.show',
  token: string
) {
  return new URL(urlFor(route, { token }), appUrl).href
}

import app from '@adonisjs/core/services/app'
import type { CookieOptions } from '@adonisjs/core/types/http'

/**
 * Cookies that remember a visitor's language and theme for a year, readable by the server only
 */
export const PREFERENCE_COOKIE_OPTIONS: Partial<CookieOptions> = {
  maxAge: '365 days',
  httpOnly: true,
  sameSite: 'lax',
  secure: app.inProduction,
}

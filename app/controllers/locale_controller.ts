import { updateLocaleValidator } from '#validators/preferences'
import { LOCALE_COOKIE } from '#helpers/user_locale'
import { PREFERENCE_COOKIE_OPTIONS } from '#helpers/preference_cookie'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The language switcher
 */
export default class LocaleController {
  /**
   * Remembers the chosen language in a cookie and goes back to the page
   */
  async update({ request, response }: HttpContext) {
    const { locale } = await request.validateUsing(updateLocaleValidator)
    response.cookie(LOCALE_COOKIE, locale, PREFERENCE_COOKIE_OPTIONS)
    return response.redirect().back()
  }
}

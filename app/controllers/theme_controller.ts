import { updateThemeValidator } from '#validators/preferences'
import { THEME_COOKIE } from '#helpers/color_theme'
import { PREFERENCE_COOKIE_OPTIONS } from '#helpers/preference_cookie'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The light/dark theme switcher
 */
export default class ThemeController {
  /**
   * Remembers the chosen theme in a cookie (`system` forgets it) and goes
   * back to the page
   */
  async update({ request, response }: HttpContext) {
    const { theme } = await request.validateUsing(updateThemeValidator)
    if (theme === 'system') {
      response.clearCookie(THEME_COOKIE)
    } else {
      response.cookie(THEME_COOKIE, theme, PREFERENCE_COOKIE_OPTIONS)
    }
    return response.redirect().back()
  }
}

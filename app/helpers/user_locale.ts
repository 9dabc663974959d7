import i18nManager from '@adonisjs/i18n/services/main'
import type { HttpRequest } from '@adonisjs/core/http'

/**
 * Name of the cookie holding the language chosen with the switcher
 */
export const LOCALE_COOKIE = 'locale'

/**
 * The language chosen with the switcher, else the best match for
 * Accept-Language, else the default locale
 */
export function preferredLocale(request: HttpRequest) {
  const chosen = request.cookie(LOCALE_COOKIE)
  if (i18nManager.supportedLocales().includes(chosen)) {
    return chosen as string
  }
  return i18nManager.getSupportedLocaleFor(request.languages()) ?? i18nManager.defaultLocale
}

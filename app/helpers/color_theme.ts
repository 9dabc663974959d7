import type { HttpRequest } from '@adonisjs/core/http'

/**
 * Themes a visitor can choose; `system` follows prefers-color-scheme
 */
export const COLOR_THEMES = ['system', 'light', 'dark'] as const

/**
 * One of COLOR_THEMES
 */
type ColorTheme = (typeof COLOR_THEMES)[number]

/**
 * Name of the cookie holding the chosen theme (absent means `system`)
 */
export const THEME_COOKIE = 'theme'

/**
 * The theme remembered in the request's cookie, `system` when none or unknown
 */
export function preferredTheme(request: HttpRequest): ColorTheme {
  const chosen = request.cookie(THEME_COOKIE)
  return COLOR_THEMES.includes(chosen) ? chosen : 'system'
}

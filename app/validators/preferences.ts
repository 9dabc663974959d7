import vine from '@vinejs/vine'
import i18nManager from '@adonisjs/i18n/services/main'
import { COLOR_THEMES } from '#helpers/color_theme'

/**
 * The language switcher: one of the supported locales
 */
export const updateLocaleValidator = vine.create({
  locale: vine.enum(() => i18nManager.supportedLocales()),
})

/**
 * The theme switcher: system, light or dark
 */
export const updateThemeValidator = vine.create({
  theme: vine.enum(COLOR_THEMES),
})

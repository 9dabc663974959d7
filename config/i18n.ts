import app from '@adonisjs/core/services/app'
import { defineConfig, loaders } from '@adonisjs/i18n'
import { CachedIcuFormatter } from '#helpers/cached_icu_formatter'

/**
 * English and Vietnamese, ICU messages read from resources/lang/<locale>/*.json
 */
const i18nConfig = defineConfig({
  defaultLocale: 'en',
  supportedLocales: ['en', 'vi'],
  formatter: () => new CachedIcuFormatter(),
  loaders: [loaders.fs({ location: app.languageFilesPath() })],
})

export default i18nConfig

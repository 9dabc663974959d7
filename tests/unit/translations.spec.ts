import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'

/**
 * Names of the arguments a message uses: `{name}`, `{count, plural, …}`
 */
function argumentsOf(message: string) {
  return [...message.matchAll(/\{\s*(\w+)/g)].map((match) => match[1]).sort()
}

test.group('Translations', () => {
  test('English and Vietnamese are the supported languages', ({ assert }) => {
    assert.deepEqual(i18nManager.supportedLocales(), ['en', 'vi'])
  })

  test('every key exists in both languages, with the same arguments', ({ assert }) => {
    const english = i18nManager.getTranslationsFor('en')
    const vietnamese = i18nManager.getTranslationsFor('vi')
    assert.isAbove(Object.keys(english).length, 100)
    assert.sameMembers(Object.keys(vietnamese), Object.keys(english))
    for (const [key, message] of Object.entries(english)) {
      assert.isNotEmpty(vietnamese[key].trim(), key)
      assert.deepEqual(argumentsOf(vietnamese[key]), argumentsOf(message), key)
    }
  })

  test('every message formats in both languages', ({ assert }) => {
    const data = {
      count: 2,
      seconds: 30,
      q: 'q',
      page: 1,
      last: 2,
      min: 3,
      max: 4,
      until: new Date(0),
    }
    for (const locale of ['en', 'vi']) {
      const i18n = i18nManager.locale(locale)
      for (const key of Object.keys(i18nManager.getTranslationsFor(locale))) {
        const values = Object.fromEntries(
          argumentsOf(i18n.localeTranslations[key]).map((name) => [name, name])
        )
        assert.isString(i18n.formatMessage(key, { ...values, ...data }), `${locale}: ${key}`)
      }
    }
  })
})

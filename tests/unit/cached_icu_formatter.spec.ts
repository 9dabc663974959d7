import { test } from '@japa/runner'
import { CachedIcuFormatter } from '#helpers/cached_icu_formatter'

test.group('CachedIcuFormatter', () => {
  test('formats ICU plurals, selects and numbers per locale', ({ assert }) => {
    const formatter = new CachedIcuFormatter()
    const plural = '{count, plural, =0 {no messages} one {# message} other {# messages}}'

    assert.equal(formatter.format(plural, 'en', { count: 0 }), 'no messages')
    assert.equal(formatter.format(plural, 'en', { count: 1 }), '1 message')
    assert.equal(formatter.format(plural, 'en', { count: 1200 }), '1,200 messages')
    assert.equal(formatter.format('{count, number}', 'vi', { count: 1200 }), '1.200')
    assert.equal(
      formatter.format('{kind, select, a {Alpha} other {Other}}', 'en', { kind: 'a' }),
      'Alpha'
    )
  })

  test('a cached message still takes each call its own values', ({ assert }) => {
    const formatter = new CachedIcuFormatter()
    const message = 'Hello {name}, <b>tags stay text</b>'

    assert.equal(
      formatter.format(message, 'en', { name: 'Ann' }),
      'Hello Ann, <b>tags stay text</b>'
    )
    assert.equal(formatter.format(message, 'en', { name: 'Bo' }), 'Hello Bo, <b>tags stay text</b>')
    assert.equal(formatter.format('No values', 'en'), 'No values')
  })
})

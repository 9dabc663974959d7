import { test } from '@japa/runner'
import { loggablePath } from '#helpers/loggable_path'

test.group('loggablePath', () => {
  test('replaces invite, reset and verification tokens and leaves every other path alone', ({
    assert,
  }) => {
    assert.equal(loggablePath('/invite/rVZAgUkLKLxgh07UVyEiPYrChorj3q8F'), '/invite/[redacted]')
    assert.equal(loggablePath('/invite/abc?x=1'), '/invite/[redacted]?x=1')
    assert.equal(loggablePath('/rooms/7/invites'), '/rooms/7/invites')
    assert.equal(loggablePath('/register'), '/register')
    assert.equal(
      loggablePath('/reset-password/Q2hvb3NlIGEgbmV3IHBhc3N3b3JkIGFuZCB0aGVuIGxvZw'),
      '/reset-password/[redacted]'
    )
    assert.equal(loggablePath('/verify-email/abc'), '/verify-email/[redacted]')
    assert.equal(loggablePath('/forgot-password'), '/forgot-password')
  })
})

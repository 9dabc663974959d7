import { test } from '@japa/runner'
import { isTrustedProxy } from '#helpers/trusted_proxies'

test.group('Trusted proxies', () => {
  test('trusts loopback and private networks only', ({ assert }) => {
    for (const address of [
      '127.0.0.1',
      '::1',
      '::ffff:127.0.0.1',
      '10.1.2.3',
      '172.18.0.5',
      '192.168.1.9',
      'fd00::1',
    ]) {
      assert.isTrue(isTrustedProxy(address), address)
    }
    for (const address of ['8.8.8.8', '172.32.0.1', '::ffff:1.2.3.4', '2001:db8::1']) {
      assert.isFalse(isTrustedProxy(address), address)
    }
  })
})

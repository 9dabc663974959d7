import { test } from '@japa/runner'
import { parseTrustedProxies, trustProxiesFrom } from '#helpers/trusted_proxies'

test.group('Trusted proxies', () => {
  test('trusts nothing when no proxy is configured, not even loopback or a LAN', ({ assert }) => {
    const trust = trustProxiesFrom('')
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '192.168.1.9']) {
      assert.isFalse(trust(address), address)
    }
  })

  test('trusts exactly the configured addresses and networks', ({ assert }) => {
    const trust = trustProxiesFrom('127.0.0.1, 172.30.57.0/24 fd00::/8')
    for (const address of [
      '127.0.0.1',
      '::ffff:127.0.0.1',
      '172.30.57.0',
      '172.30.57.255',
      'fd00::1',
      'fdff:ffff::1',
    ]) {
      assert.isTrue(trust(address), address)
    }
    for (const address of [
      '127.0.0.2',
      '::1',
      '172.30.58.1',
      '10.0.0.1',
      '192.168.1.9',
      'fe80::1',
      '8.8.8.8',
      'not-an-ip',
    ]) {
      assert.isFalse(trust(address), address)
    }
  })

  test('refuses an entry that is not an IP address or CIDR network', ({ assert }) => {
    for (const entry of [
      'localhost',
      '10.0.0.0/33',
      '10.0.0.0/',
      '10.0.0/8',
      '::1/129',
      '1.2.3.4/8/1',
    ]) {
      assert.throws(
        () => parseTrustedProxies(entry),
        `"${entry}" is not an IP address or CIDR network`
      )
    }
  })
})

import { BlockList } from 'node:net'

const privateNetworks = new BlockList()
privateNetworks.addSubnet('127.0.0.0', 8, 'ipv4')
privateNetworks.addSubnet('10.0.0.0', 8, 'ipv4')
privateNetworks.addSubnet('172.16.0.0', 12, 'ipv4')
privateNetworks.addSubnet('192.168.0.0', 16, 'ipv4')
privateNetworks.addAddress('::1', 'ipv6')
privateNetworks.addSubnet('fc00::', 7, 'ipv6')

/**
 * X-Forwarded-* headers are believed only from loopback and private networks
 * (nginx on the same host or in the compose network), so a client reaching
 * the app directly cannot fake its IP to dodge the per-IP rate limits.
 */
export function isTrustedProxy(address: string) {
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address
  return privateNetworks.check(plain, plain.includes(':') ? 'ipv6' : 'ipv4')
}

import { BlockList, isIP } from 'node:net'

/**
 * The addresses of TRUSTED_PROXIES (comma- or space-separated IPs and CIDRs,
 * e.g. `127.0.0.1, 172.30.0.0/24`), checked one by one; throws on an entry
 * that is not an IPv4/IPv6 address or network.
 */
export function parseTrustedProxies(list: string) {
  const proxies = new BlockList()
  for (const entry of list.split(/[\s,]+/).filter(Boolean)) {
    const [address, prefix, extra] = entry.split('/')
    const family = isIP(address)
    const bits = family === 4 ? 32 : 128
    const length = prefix === undefined ? bits : Number(prefix)
    if (
      family === 0 ||
      extra !== undefined ||
      !/^\d{1,3}$/.test(prefix ?? String(bits)) ||
      length > bits
    ) {
      throw new Error(`"${entry}" is not an IP address or CIDR network`)
    }
    proxies.addSubnet(address, length, family === 4 ? 'ipv4' : 'ipv6')
  }
  return proxies
}

/**
 * A `trustProxy` check for config/app.ts: X-Forwarded-* headers are believed
 * only when the connection (or the previous hop) comes from one of the
 * configured proxies. Nothing is trusted when the list is empty, so a client
 * reaching the app directly cannot pick its own IP to dodge the per-IP limits.
 */
export function trustProxiesFrom(list: string) {
  const proxies = parseTrustedProxies(list)
  return (address: string) => {
    const plain = address.startsWith('::ffff:') ? address.slice(7) : address
    const family = isIP(plain)
    return family !== 0 && proxies.check(plain, family === 4 ? 'ipv4' : 'ipv6')
  }
}

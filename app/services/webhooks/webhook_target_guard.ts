import { lookup } from 'node:dns'
import type { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns'
import ipaddr from 'ipaddr.js'

/**
 * Why a webhook URL may not be used
 */
export type TargetRefusal =
  'E_WEBHOOK_URL_INVALID' | 'E_WEBHOOK_TARGET_PRIVATE' | 'E_WEBHOOK_HOST_UNKNOWN'

/**
 * A webhook URL refused: not http(s), a host name that does not resolve, or
 * reaching a non-public address
 */
export class WebhookTargetError extends Error {
  constructor(
    readonly code: TargetRefusal,
    message: string
  ) {
    super(message)
  }
}

/**
 * Whether `address` is a public unicast address (not loopback, private,
 * link-local such as cloud metadata, carrier-grade NAT, multicast, reserved…)
 */
export function isPublicAddress(address: string) {
  if (!ipaddr.isValid(address)) return false
  let parsed = ipaddr.parse(address)
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address()
  }
  return parsed.range() === 'unicast'
}

/**
 * Checks a webhook URL's form: http or https, a host, no credentials
 */
export function parseWebhookUrl(value: string) {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new WebhookTargetError('E_WEBHOOK_URL_INVALID', 'The URL is not valid')
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password) {
    throw new WebhookTargetError(
      'E_WEBHOOK_URL_INVALID',
      'The URL must be http or https, without a user name or password'
    )
  }
  return url
}

/**
 * Resolves the URL's host and refuses it unless every address is public
 * (or `allowPrivate`); a name that does not resolve is refused as unknown
 */
export async function assertPublicTarget(url: URL, allowPrivate: boolean) {
  if (allowPrivate) return
  const addresses = await resolveAll(url.hostname.replace(/^\[|\]$/g, ''))
  if (addresses === null) {
    throw new WebhookTargetError('E_WEBHOOK_HOST_UNKNOWN', 'The URL’s host name could not be found')
  }
  if (addresses.length === 0 || !addresses.every(isPublicAddress)) {
    throw new WebhookTargetError(
      'E_WEBHOOK_TARGET_PRIVATE',
      'The URL reaches a loopback, private or reserved address'
    )
  }
}

/**
 * Why sending to `url` is refused before connecting (an address literal
 * that is not public: Node connects to those without a lookup), or null
 */
export function literalAddressRefusal(url: URL, allowPrivate: boolean) {
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (allowPrivate || !ipaddr.isValid(host) || isPublicAddress(host)) return null
  return `${host} is not a public address`
}

/**
 * A `lookup` for http.request that refuses non-public addresses at connect
 * time, so a name that resolved to a public address when the webhook was
 * saved cannot be re-pointed at the server's own network (DNS rebinding)
 */
export function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: LookupOneOptions | LookupAllOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number
    ) => void
  ) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, [])
      const refused = !allowPrivate && addresses.some(({ address }) => !isPublicAddress(address))
      if (refused || addresses.length === 0) {
        return callback(
          new WebhookTargetError('E_WEBHOOK_TARGET_PRIVATE', `${hostname} is not a public address`),
          []
        )
      }
      if ('all' in options && options.all) return callback(null, addresses)
      callback(null, addresses[0].address, addresses[0].family)
    })
  }
}

/**
 * The addresses of `hostname`, or null when it does not resolve
 */
function resolveAll(hostname: string) {
  return new Promise<string[] | null>((resolve) => {
    lookup(hostname, { all: true }, (error, addresses) => {
      resolve(error ? null : addresses.map(({ address }) => address))
    })
  })
}

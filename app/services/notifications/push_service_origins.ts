/**
 * Whether `endpoint` is an https (or listed) URL on one of `patterns`:
 * origins like `https://fcm.googleapis.com`, where `*.` matches one or more
 * leading labels and `:*` any port
 */
export function isAllowedPushEndpoint(endpoint: string, patterns: string[]) {
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    return false
  }
  if (url.username || url.password) {
    return false
  }
  return patterns.some((pattern) => matchesOrigin(url, pattern))
}

function matchesOrigin(url: URL, pattern: string) {
  const match = /^(https?):\/\/(\*\.)?([^:/*]+)(?::(\d+|\*))?$/.exec(pattern)
  if (!match) {
    return false
  }
  const [, scheme, anySubdomain, host, port] = match
  if (url.protocol !== `${scheme}:`) {
    return false
  }
  const hostMatches = anySubdomain
    ? url.hostname.endsWith(`.${host.toLowerCase()}`)
    : url.hostname === host.toLowerCase()
  const portMatches = port === '*' || url.port === (port ?? '')
  return hostMatches && portMatches
}

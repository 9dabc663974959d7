import env from '#start/env'

/**
 * The push services of Chrome, Firefox, Edge and Safari
 */
const DEFAULT_PUSH_SERVICE_ORIGINS = [
  'https://fcm.googleapis.com',
  'https://*.push.services.mozilla.com',
  'https://*.notify.windows.com',
  'https://*.push.apple.com',
]

/**
 * Web Push (browser notifications while no tab is open)
 */
const pushConfig = {
  /** How push services reach the operator (the VAPID `sub` claim) */
  contact: env.get('PUSH_CONTACT') ?? `mailto:postmaster@${new URL(env.get('APP_URL')).hostname}`,
  /**
   * Origins a subscription's endpoint may have (the server POSTs there, so
   * never an arbitrary URL): `*.` matches any subdomain, `:*` any port
   */
  serviceOrigins: (env.get('PUSH_SERVICE_ORIGINS') ?? DEFAULT_PUSH_SERVICE_ORIGINS.join(','))
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean),
  /** Subscriptions (browsers) kept per user; the least recently renewed go first */
  maxSubscriptionsPerUser: 10,
  /** A push service that has not answered after this long is given up (ms) */
  timeoutMs: 10_000,
  /** How long a push service keeps a message for an offline browser (seconds) */
  ttlSeconds: 24 * 60 * 60,
}

export default pushConfig

import env from '#start/env'

/**
 * Webhooks: incoming (a secret URL posting as a bot) and outgoing (a room's
 * messages POSTed to a URL, HMAC-signed, retried with backoff)
 */
const webhooksConfig = {
  /**
   * Outgoing webhooks may target loopback and private addresses only when
   * the operator allows it (WEBHOOKS_ALLOW_PRIVATE_TARGETS=true): otherwise
   * a room owner could make the server reach its own network (SSRF)
   */
  allowPrivateTargets: env.get('WEBHOOKS_ALLOW_PRIVATE_TARGETS', false),
  /** Webhooks one room may have */
  maxPerRoom: 10,
  /** Messages one incoming webhook may post per minute */
  incomingPerMinute: 30,
  /** A receiver that has not answered after this long failed (ms) */
  timeoutMs: 5_000,
  /** Waits before each retry of a failed delivery (ms); after the last it is dropped */
  retryDelaysMs: [10_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000],
  /** How often the dispatcher looks for due deliveries (ms) */
  pollMs: 1_000,
}

export default webhooksConfig

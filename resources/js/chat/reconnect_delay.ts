/**
 * Longest wait between two connection attempts
 */
export const MAX_RECONNECT_DELAY_MS = 30_000

/**
 * Milliseconds to wait before reconnection attempt `retries` (0 for the first): capped
 * exponential backoff with jitter, from 1 s, or from 250 ms after close code 1013 (the server
 * was busy and asked to come back soon). `random` in [0, 1) picks the jitter: the delay lies
 * between half and all of the backoff, so clients that lost the same server spread out.
 */
export function reconnectDelay(retries: number, closeCode?: number, random = Math.random()) {
  const base = closeCode === 1013 ? 250 : 1000
  return Math.min(MAX_RECONNECT_DELAY_MS, base * 2 ** retries) * (0.5 + random / 2)
}

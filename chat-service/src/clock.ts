/**
 * Time source for rate limits and throttles, replaceable in tests
 */
export interface Clock {
  /**
   * Milliseconds since the epoch
   */
  now(): number
}

/**
 * The wall clock
 */
export const systemClock: Clock = { now: () => Date.now() }

import type { Clock } from './clock.js'

/**
 * Flood control: `burst` tokens, refilled at `perSecond`; each frame takes one
 */
export class TokenBucket {
  #tokens: number
  #updatedAt: number

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: Clock
  ) {
    this.#tokens = burst
    this.#updatedAt = clock.now()
  }

  /**
   * Takes a token; false when none is left
   */
  take() {
    const now = this.clock.now()
    const refill = ((now - this.#updatedAt) / 1000) * this.perSecond
    this.#tokens = Math.min(this.burst, this.#tokens + refill)
    this.#updatedAt = now
    if (this.#tokens < 1) {
      return false
    }
    this.#tokens -= 1
    return true
  }
}

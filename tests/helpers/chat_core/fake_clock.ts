import type { Clock } from '#chat/src/clock'

/**
 * A clock that moves only when the test says so
 */
export class FakeClock implements Clock {
  constructor(private current = Date.UTC(2026, 0, 1)) {}

  now() {
    return this.current
  }

  /**
   * Moves the clock `ms` forward
   */
  advance(ms: number) {
    this.current += ms
  }
}

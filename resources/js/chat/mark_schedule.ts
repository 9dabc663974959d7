/** A mark waits this long for the burst that caused it */
export const MARK_DEBOUNCE_MS = 500

/** Marks go out at most this often, however busy the room */
export const MARK_EVERY_MS = 5000

/**
 * When a read marker goes out (read_marker.js, and the bench's simulated tab): `schedule()`
 * runs `mark` `debounceMs` after the first call of a burst, then at most every `everyMs`;
 * `flush()` runs a scheduled mark at once (the tab is hidden, the room closed); `cancel()`
 * drops it. `mark` returns whether it sent one (what counts towards `everyMs`).
 */
export function createMarkSchedule(
  mark: (leaving: boolean) => boolean,
  { debounceMs = MARK_DEBOUNCE_MS, everyMs = MARK_EVERY_MS } = {}
) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let lastMarkAt = -Infinity

  const run = (leaving: boolean) => {
    timer = null
    if (mark(leaving)) lastMarkAt = Date.now()
  }

  return {
    /** A mark is due soon */
    schedule() {
      if (timer !== null) return
      const wait = Math.max(debounceMs, lastMarkAt + everyMs - Date.now())
      timer = setTimeout(() => run(false), wait)
    },

    /** The scheduled mark, if any, now */
    flush() {
      if (timer === null) return
      clearTimeout(timer)
      run(true)
    },

    /** Drops the scheduled mark */
    cancel() {
      if (timer !== null) clearTimeout(timer)
      timer = null
    },
  }
}

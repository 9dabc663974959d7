/**
 * Runs `work` at once, then at most once per `ms`: calls made meanwhile are
 * merged into one run at the end of the window. Live pages use it so that a
 * busy server's events cost each tab one request per window, not one per event.
 */
export function throttle(work: () => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null
  let pending = false
  const tick = () => {
    if (!pending) {
      timer = null
      return
    }
    pending = false
    work()
    timer = setTimeout(tick, ms)
  }
  return () => {
    if (timer) {
      pending = true
      return
    }
    work()
    timer = setTimeout(tick, ms)
  }
}

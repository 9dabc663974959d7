/**
 * Polite screen-reader announcements through a role="status" region, at
 * most one every `interval` ms: what arrives meanwhile is collected
 * (duplicates dropped) and read together, so typing and presence updates
 * never flood the reader.
 */
export function createAnnouncer(region, interval = 5000) {
  const queue = new Set()
  let lastAt = 0
  let timer = null

  function flush() {
    timer = null
    lastAt = Date.now()
    region.textContent = [...queue].join('. ')
    queue.clear()
  }

  return function announce(text) {
    queue.add(text)
    if (!timer) timer = setTimeout(flush, Math.max(0, lastAt + interval - Date.now()))
  }
}

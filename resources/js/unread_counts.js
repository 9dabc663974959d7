/**
 * The signed-in user's unread messages and mentions per room, for the title's count
 * (notifications.js) and the sidebar's badges (sidebar_live.js). They are fetched from
 * GET /notifications/unread once, then counted here from the user's own Transmit events
 * (unread_tally.ts: `notification`, `read`, `message_deleted`): a message costs the server one
 * event per member, not one request per tab (bench/README.md, users). They are fetched again
 * only when the tab cannot count (a `read` or a deleted message within what the last figures
 * cover), when the user's rooms change (refresh(), from the sidebar), when the tab is shown
 * again after it was hidden, and when the event stream reconnected.
 */
import { onReconnect } from './live_events.js'
import { onUserEvent } from './user_events.js'
import { UnreadTally } from './unread_tally.ts'

const REFRESH_DEBOUNCE_MS = 300

let shared = null

/**
 * The page's one set of counts, started on first use; null for a guest. `onChange(listener)`
 * calls `listener(roomIds)` when rooms' counts changed (every joined room after a fetch);
 * `of(room)`, `rooms()` and `total()` read them; `refresh()` fetches them again
 */
export function unreadCounts() {
  const me = document.querySelector('meta[name="notifications-user"]')
  if (!me) return null
  shared ??= follow(me.content, me.dataset.unreadUrl)
  return shared
}

function follow(userId, url) {
  const tally = new UnreadTally()
  const listeners = new Set()
  let timer = null
  let fetching = null
  let loads = 0
  let hidden = document.visibilityState === 'hidden'
  const changed = (rooms) => listeners.forEach((listener) => listener(rooms))
  const refresh = () => {
    clearTimeout(timer)
    timer = setTimeout(load, REFRESH_DEBOUNCE_MS)
  }
  const apply = (event) => {
    if (event.type === 'notification') {
      const { room, seq, reason } = event
      if (tally.notified(room.id, seq, reason === 'mention')) changed([room.id])
    } else if (event.type === 'read' || event.type === 'message_deleted') {
      const followed =
        event.type === 'read'
          ? tally.read(event.room, event.seq)
          : tally.deleted(event.room, event.seq)
      if (followed) changed([event.room])
      else refresh()
    }
  }

  onUserEvent(userId, (event) => {
    fetching?.push(event)
    apply(event)
  })
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') hidden = true
    else if (hidden) {
      hidden = false
      refresh()
    }
  })
  onReconnect(refresh)
  load()

  /** Fetches the figures (the latest fetch wins); events that arrive meanwhile count on top */
  async function load() {
    const events = []
    const current = ++loads
    fetching = events
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' } })
      if (!response.ok) return
      const { data } = await response.json()
      if (current !== loads) return
      tally.load(data.rooms)
      events.forEach(apply)
      changed(tally.rooms())
    } catch {
    } finally {
      if (fetching === events) fetching = null
    }
  }

  return {
    onChange: (listener) => listeners.add(listener),
    of: (room) => tally.of(room),
    rooms: () => tally.rooms(),
    total: () => tally.total(),
    refresh,
  }
}

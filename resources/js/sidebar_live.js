/**
 * The sidebar follows the user's rooms and direct conversations live: when one of them gets a
 * message, is read elsewhere, is renamed or deleted, or the user joins, leaves, favourites or mutes a room
 * or someone starts a conversation with them (on any tab or device), its lists are fetched
 * again from the server (GET /sidebar and GET /sidebar/direct) and swapped in,
 * keeping the focus on the same room, then `sidebar:refreshed` is dispatched on `nav`. Events
 * come from Transmit: `lobby` (public rooms' activity) and the user's own `users/<id>` channel
 * (private rooms, reads, memberships). Changes to the lists are fetched after a short debounce;
 * messages at once, then at most once per ACTIVITY_REFRESH_MS however busy the rooms are (every
 * tab of every member fetches: bench/README.md, users). The room this tab shows is left out of
 * both: its reader sees its messages, and its own read marker's `read` only clears its badges.
 */
import { liveEvents } from './live_events.js'
import { onUserEvent, userEventsReady } from './user_events.js'
import { throttle } from './throttle.ts'

const REFRESH_DEBOUNCE_MS = 300

/** Messages in the user's other rooms refresh the sidebar at most this often */
const ACTIVITY_REFRESH_MS = 5000

const ROOM_PATH = /^\/rooms\/(\d+)$/

/**
 * Starts following the user's rooms for the sidebar `nav`
 */
export function startSidebarLive(nav) {
  const lists = [
    { element: nav.querySelector('[data-sidebar-rooms]'), url: nav.dataset.refreshUrl },
    ...[...nav.querySelectorAll('[data-sidebar-direct-list]')].map((element) => ({
      element,
      url: element.dataset.refreshUrl,
    })),
  ]
  let timer = null

  const inList = (id) => nav.querySelector(`[data-room-id="${Number(id)}"]`) !== null
  const elsewhere = (id) => inList(id) && Number(id) !== shownRoom()
  const changesLists = (event) => {
    if (event.type === 'membership' || event.type === 'room_created') return true
    if (event.type === 'room_deleted' || event.type === 'room_updated') return inList(event.room.id)
    if (event.type === 'read') return elsewhere(event.room)
    return false
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, REFRESH_DEBOUNCE_MS)
  }
  const refreshForActivity = throttle(refresh, ACTIVITY_REFRESH_MS)

  const listen = (event) => {
    if (changesLists(event)) schedule()
    else if (event.type === 'read' && Number(event.room) === shownRoom()) clearBadges(event.room)
    else if (
      event.type === 'room_activity' &&
      event.room.last_activity_at &&
      elsewhere(event.room.id)
    )
      refreshForActivity()
  }
  const lobby = liveEvents().subscription('lobby')
  lobby.onMessage(listen)
  onUserEvent(nav.dataset.userId, listen)
  Promise.all([lobby.create(), userEventsReady(nav.dataset.userId)])
    .then(() => (nav.dataset.sidebarReady = 'true'))
    .catch(() => {})

  /** The room is read on this tab: its badges go without asking the server */
  function clearBadges(id) {
    for (const item of nav.querySelectorAll(`[data-room-id="${Number(id)}"]`)) {
      item.classList.remove('has-unread')
      for (const badge of item.querySelectorAll('.badge.unread, .badge.mention')) badge.remove()
    }
  }

  async function refresh() {
    await Promise.all(lists.map(refreshList))
    nav.dispatchEvent(new CustomEvent('sidebar:refreshed', { bubbles: true }))
  }

  async function refreshList({ element, url }) {
    let html
    try {
      const response = await fetch(url, {
        credentials: 'same-origin',
        headers: { accept: 'text/html' },
      })
      if (!response.ok) return
      html = await response.text()
    } catch {
      return
    }
    const focusedRoom = element.contains(document.activeElement)
      ? document.activeElement.closest('[data-room-id]')
      : null
    const template = document.createElement('template')
    template.innerHTML = html
    element.replaceChildren(template.content)
    markCurrent(nav)
    if (focusedRoom) {
      element.querySelector(`[data-room-id="${focusedRoom.dataset.roomId}"] a`)?.focus()
    }
  }
}

/**
 * The id of the room this tab shows (room switches change the address), or null
 */
function shownRoom() {
  const match = ROOM_PATH.exec(window.location.pathname)
  return match ? Number(match[1]) : null
}

/**
 * Marks the sidebar link of the page being shown with aria-current="page"
 */
export function markCurrent(nav) {
  for (const link of nav.querySelectorAll('[data-sidebar-rooms] a, [data-sidebar-direct-list] a')) {
    if (link.pathname === window.location.pathname) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
}

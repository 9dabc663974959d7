/**
 * The sidebar follows the user's rooms and direct conversations live: when one of them gets a
 * message, is read elsewhere, is renamed or deleted, or the user joins, leaves, favourites or mutes a room
 * or someone starts a conversation with them (on any tab or device), its lists are fetched
 * again from the server (GET /sidebar and GET /sidebar/direct, debounced) and swapped in,
 * keeping the focus on the same room, then `sidebar:refreshed` is dispatched on `nav`. Events
 * come from Transmit: `lobby` (public rooms' activity) and the user's own `users/<id>` channel
 * (private rooms, reads, memberships).
 */
import { liveEvents } from './live_events.js'
import { onUserEvent, userEventsReady } from './user_events.js'

const REFRESH_DEBOUNCE_MS = 300

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
  const concerns = (event) => {
    if (event.type === 'membership' || event.type === 'room_created') return true
    if (event.type === 'room_deleted' || event.type === 'room_updated') return inList(event.room.id)
    if (event.type === 'room_activity')
      return Boolean(event.room.last_activity_at) && inList(event.room.id)
    if (event.type === 'read') return inList(event.room)
    return false
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, REFRESH_DEBOUNCE_MS)
  }

  const listen = (event) => {
    if (concerns(event)) schedule()
  }
  const lobby = liveEvents().subscription('lobby')
  lobby.onMessage(listen)
  onUserEvent(nav.dataset.userId, listen)
  Promise.all([lobby.create(), userEventsReady(nav.dataset.userId)])
    .then(() => (nav.dataset.sidebarReady = 'true'))
    .catch(() => {})

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
 * Marks the sidebar link of the page being shown with aria-current="page"
 */
export function markCurrent(nav) {
  for (const link of nav.querySelectorAll('[data-sidebar-rooms] a, [data-sidebar-direct-list] a')) {
    if (link.pathname === window.location.pathname) link.setAttribute('aria-current', 'page')
    else link.removeAttribute('aria-current')
  }
}

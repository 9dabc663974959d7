/**
 * The sidebar follows the user's rooms and direct conversations live. Their badges follow the
 * tab's own counts (unread_counts.js: counted from the user's events, no request per message):
 * a room's unread and mention badges change in place, a conversation with a new message moves
 * to the top of its list, the room this tab shows gains none (its reader sees its messages).
 * When a room is renamed or deleted, or the user joins, leaves, favourites or mutes a room or
 * someone starts a conversation with them (on any tab or device), or the event stream
 * reconnects, the lists are fetched again (GET /sidebar and GET /sidebar/direct, debounced) and
 * swapped in, keeping the focus on the same room, and so are the counts. Events come from
 * Transmit: `lobby` (public rooms) and the user's own `users/<id>` channel (private rooms,
 * memberships, notifications, reads).
 */
import { liveEvents, onReconnect } from './live_events.js'
import { onUserEvent, userEventsReady } from './user_events.js'
import { unreadCounts } from './unread_counts.js'

const REFRESH_DEBOUNCE_MS = 300

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
  const counts = unreadCounts()
  let timer = null

  const itemsOf = (id) => nav.querySelectorAll(`[data-room-id="${Number(id)}"]`)
  const inList = (id) => itemsOf(id).length > 0
  const changesLists = (event) => {
    if (event.type === 'membership' || event.type === 'room_created') return true
    if (event.type === 'room_deleted' || event.type === 'room_updated') return inList(event.room.id)
    return false
  }
  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(refresh, REFRESH_DEBOUNCE_MS)
    counts?.refresh()
  }

  const listen = (event) => {
    if (changesLists(event)) schedule()
    else if (event.type === 'notification' && event.room.id !== shownRoom()) {
      for (const item of itemsOf(event.room.id)) {
        if (item.matches('.sidebar-direct')) item.parentElement.prepend(item)
      }
    }
  }
  const lobby = liveEvents().subscription('lobby')
  lobby.onMessage(listen)
  onUserEvent(nav.dataset.userId, listen)
  onReconnect(schedule)
  counts?.onChange((rooms) => rooms.forEach(showBadges))
  Promise.all([lobby.create(), userEventsReady(nav.dataset.userId)])
    .then(() => (nav.dataset.sidebarReady = 'true'))
    .catch(() => {})

  /** Shows room `id`'s counts on its items; the room shown only loses badges */
  function showBadges(id) {
    const { unread, mentions } = counts.of(id)
    const shown = Number(id) === shownRoom()
    for (const item of itemsOf(id)) {
      const link = item.querySelector('a')
      const badges = [
        { kind: 'unread', count: unread, labels: 'unread' },
        {
          kind: 'mention',
          count: item.matches('.sidebar-direct') ? 0 : mentions,
          labels: 'mentions',
        },
      ]
      for (const { kind, count } of badges) {
        if (!shown || count === 0) link.querySelector(`.badge.${kind}`)?.remove()
      }
      if (shown) {
        if (unread === 0) item.classList.remove('has-unread')
        continue
      }
      for (const { kind, count, labels } of badges) {
        if (count > 0) link.append(badgeOf(kind, count, labelOf(labels, count)))
      }
      item.classList.toggle('has-unread', unread > 0)
    }
  }

  /** The screen readers' label of a badge of `count`, from the nav's translated forms */
  function labelOf(labels, count) {
    const shown = count > 99 ? '99+' : String(count)
    return count === 1
      ? nav.dataset[`${labels}One`]
      : nav.dataset[`${labels}Other`].replace('{shown}', shown)
  }

  async function refresh() {
    await Promise.all(lists.map(refreshList))
    if (counts) counts.rooms().forEach(showBadges)
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
 * A badge as the sidebar's templates render it: the count ("99+" past 99, mentions after an
 * "@") and its `label` for screen readers
 */
function badgeOf(kind, count, label) {
  const badge = document.createElement('span')
  badge.className = `badge ${kind}`
  const visible = document.createElement('span')
  visible.setAttribute('aria-hidden', 'true')
  visible.textContent = (kind === 'mention' ? '@' : '') + (count > 99 ? '99+' : String(count))
  const hidden = document.createElement('span')
  hidden.className = 'visually-hidden'
  hidden.textContent = label
  badge.append(visible, hidden)
  return badge
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

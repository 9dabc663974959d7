/**
 * The live part of each lobby room: last activity ("active 5 minutes ago"), how many people
 * are online, and the user's unread and mention badges (capped at 99+).
 *
 * - `room_activity` events update the activity and online count at once;
 * - the badges follow the page's one set of unread counts (unread_counts.js, which the sidebar
 *   and the title use too: counted from the user's own events), so a message or a read costs
 *   the lobby no request.
 * Text is inserted with textContent only.
 */
import { timeAgo } from './relative_time.js'
import { unreadCounts } from './unread_counts.js'

/**
 * Keeps the details of the rooms in `list` current; `texts` are the lobby's client texts
 */
export function createLobbyLive(list, texts) {
  const locale = document.documentElement.lang
  const counts = unreadCounts()

  setInterval(refreshTimes, 60_000)
  counts?.onChange(showCounts)

  function text(key, values) {
    return (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''))
  }

  function capped(count) {
    return count > 99 ? '99+' : String(count)
  }

  /**
   * Handles an event of the lobby page's channels
   */
  function handle(event) {
    if (event.type === 'room_activity') showActivity(event.room)
  }

  /**
   * Appends empty details to a room item built in the browser (`members`: its member
   * count's text, when known)
   */
  function decorate(item, members) {
    const badges = document.createElement('span')
    badges.className = 'badges'
    badges.dataset.badges = ''
    const line = document.createElement('p')
    line.className = 'room-activity muted'
    const time = document.createElement('time')
    time.dataset.activity = ''
    time.textContent = text('no_activity', {})
    const online = document.createElement('span')
    online.dataset.online = ''
    online.textContent = text('online', { count: 0 })
    line.append(time, ' · ')
    if (members) {
      const count = document.createElement('span')
      count.dataset.members = ''
      count.textContent = members
      line.append(count, ' · ')
    }
    line.append(online)
    item.append(badges, line)
  }

  function showActivity(room) {
    const item = list.querySelector(`[data-room-id="${room.id}"]`)
    if (!item) return
    const online = item.querySelector('[data-online]')
    if (online) online.textContent = text('online', { count: room.online })
    const time = item.querySelector('[data-activity]')
    if (!time || !room.last_activity_at) return
    const at = new Date(room.last_activity_at)
    if (time.dateTime && new Date(time.dateTime) >= at) return
    time.dateTime = at.toISOString()
    time.textContent = text('active', { time: timeAgo(at, locale) })
  }

  function refreshTimes() {
    for (const time of list.querySelectorAll('[data-activity][datetime]')) {
      time.textContent = text('active', { time: timeAgo(new Date(time.dateTime), locale) })
    }
  }

  /**
   * Shows the counts on every listed room (a room not joined, or left, has none); a room whose
   * badges already say so is left as it is
   */
  function showCounts() {
    for (const item of list.querySelectorAll('[data-room-id]')) {
      const { unread, mentions } = counts.of(Number(item.dataset.roomId))
      showBadges(item, unread, mentions)
    }
  }

  function showBadges(item, unread, mentions) {
    const badges = item.querySelector('[data-badges]')
    if (!badges || badges.dataset.shown === `${unread}/${mentions}`) return
    badges.dataset.shown = `${unread}/${mentions}`
    const shown = []
    if (unread > 0) shown.push(badge('unread', text('unread', { count: capped(unread) })))
    if (mentions > 0) shown.push(badge('mention', text('mentions', { count: capped(mentions) })))
    badges.replaceChildren(...shown)
  }

  function badge(kind, label) {
    const element = document.createElement('span')
    element.className = `badge ${kind}`
    element.textContent = label
    return element
  }

  return { handle, decorate }
}

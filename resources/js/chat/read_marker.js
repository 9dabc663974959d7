/**
 * The read marker of a live room.
 *
 * - marks the room read up to the newest message on screen (or above it), only while the page
 *   is visible: on start, scroll, focus, and each new message (`chat:message` on the room,
 *   room_session.js), half a second after the first of a burst and then at most every five
 *   seconds however busy the room (mark_schedule.ts: every reader of a busy room marks);
 *   what is due goes out at once when the tab is hidden or the room closes;
 * - a message by someone else arriving while the page is hidden gets the "new messages"
 *   divider before it, unless an unread part is already marked;
 * - the user's other tabs and devices read too: their `read` events (user_events.js) move the
 *   divider past what they read, or remove it.
 */
import { onUserEvent, userEventsReady } from '../user_events.js'
import { createMarkSchedule } from './mark_schedule.ts'

/**
 * Follows what the reader sees of room `root` (#chat), whose list scrolls in `scroller`
 * (scroller.js); returns a function that stops it
 */
export function createReadMarker(root, scroller) {
  const roomId = Number(root.dataset.roomId)
  const userId = Number(root.dataset.userId)
  const list = root.querySelector('#messages')
  const newMessagesText = JSON.parse(
    root.querySelector('#chat-texts')?.textContent || '{}'
  ).new_messages
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content ?? ''
  let marker = Number(root.dataset.lastReadSeq) || 0
  const marks = createMarkSchedule(markRead)
  const schedule = () => marks.schedule()
  const onVisibility = () =>
    document.visibilityState === 'visible' ? marks.schedule() : marks.flush()
  const flush = () => marks.flush()
  const onMessage = (event) => {
    if (!event.detail.mine && document.visibilityState !== 'visible') markNewFrom(event.detail.seq)
    schedule()
  }
  const stopScroll = scroller.onScroll(schedule)
  window.addEventListener('focus', schedule)
  document.addEventListener('visibilitychange', onVisibility)
  window.addEventListener('pagehide', flush)
  root.addEventListener('chat:message', onMessage)
  const stopEvents = onUserEvent(userId, (event) => {
    if (event.type !== 'read' || event.room !== roomId || event.seq <= marker) return
    marker = event.seq
    placeDivider()
  })
  userEventsReady(userId).then(() => (root.dataset.readMarkerReady = 'true'))
  schedule()

  /**
   * The highest seq among the messages the reader has scrolled to
   */
  function newestSeen() {
    const { bottom } = scroller.viewport()
    let seq = 0
    for (const item of list.querySelectorAll('.message[data-seq]')) {
      if (item.getBoundingClientRect().top >= bottom) break
      seq = Math.max(seq, Number(item.dataset.seq))
    }
    return seq
  }

  /**
   * Posts the marker when the reader saw more (`leaving`: the tab is being hidden or the room
   * closed, and the request may outlive the page); whether it posted
   */
  function markRead(leaving) {
    if (!leaving && (document.visibilityState !== 'visible' || !root.isConnected)) return false
    const seq = newestSeen()
    if (seq <= marker) return false
    post(seq, leaving)
    return true
  }

  async function post(seq, leaving) {
    const previous = marker
    marker = seq
    try {
      const response = await fetch(root.dataset.readUrl, {
        method: 'POST',
        credentials: 'same-origin',
        keepalive: leaving,
        headers: {
          'accept': 'application/json',
          'content-type': 'application/json',
          'x-csrf-token': csrfToken,
        },
        body: JSON.stringify({ seq }),
      })
      if (!response.ok && response.status !== 404) marker = previous
    } catch {
      marker = previous
    }
  }

  /**
   * Puts the divider before message `seq`, unless it already marks unread messages
   */
  function markNewFrom(seq) {
    const divider = root.querySelector('#unread-divider')
    const next = divider && nextMessage(divider)
    if (next && Number(next.dataset.seq) > marker) return
    const item = list.querySelector(`.message[data-seq="${seq}"]`)
    if (item) item.before(divider ?? createDivider())
  }

  /**
   * Moves the divider before the first message by someone else after the marker, or removes it
   */
  function placeDivider() {
    const divider = root.querySelector('#unread-divider')
    if (!divider) return
    const firstUnread = [...list.querySelectorAll('.message[data-seq]:not(.mine)')].find(
      (item) => Number(item.dataset.seq) > marker
    )
    if (firstUnread) firstUnread.before(divider)
    else divider.remove()
  }

  function nextMessage(element) {
    let next = element.nextElementSibling
    while (next && !next.matches('.message[data-seq]')) next = next.nextElementSibling
    return next
  }

  function createDivider() {
    const divider = document.createElement('li')
    divider.id = 'unread-divider'
    divider.className = 'unread-divider'
    const label = document.createElement('span')
    label.textContent = newMessagesText ?? ''
    divider.append(label)
    return divider
  }

  return function stop() {
    marks.flush()
    stopScroll()
    stopEvents()
    window.removeEventListener('focus', schedule)
    document.removeEventListener('visibilitychange', onVisibility)
    window.removeEventListener('pagehide', flush)
    root.removeEventListener('chat:message', onMessage)
  }
}

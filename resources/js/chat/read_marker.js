/**
 * The read marker of a live room.
 *
 * - marks the room read up to the newest message on screen (or above it), only while the page
 *   is visible: on start, scroll, focus, and each new message (`chat:message` on the room,
 *   room_session.js), half a second after the first of a burst and then at most every five
 *   seconds however busy the room (mark_schedule.ts: every reader of a busy room marks);
 *   what is due goes out at once when the tab is hidden or the room closes. A mark is a `read`
 *   frame on the room's chat socket (no HTTP request per reader of a busy room), posted to
 *   `POST /rooms/:id/read` when the page is going away or the socket is not joined, and sent
 *   again at the next mark until the server said it stored it;
 * - a message by someone else arriving while the page is hidden gets the "new messages"
 *   divider before it, unless an unread part is already marked;
 * - the user's other tabs and devices read too: their `read` events (user_events.js) move the
 *   divider past what they read, or remove it.
 */
import { onUserEvent, userEventsReady } from '../user_events.js'
import { createMarkSchedule } from './mark_schedule.ts'

/**
 * Follows what the reader sees of room `root` (#chat), whose list scrolls in `scroller`
 * (scroller.js); `markOnSocket(seq)` sends a mark on the room's chat socket and says whether it
 * went (else, and when the page is going away, it is posted); returns a function that stops it
 */
export function createReadMarker(root, scroller, markOnSocket = () => false) {
  const roomId = Number(root.dataset.roomId)
  const userId = Number(root.dataset.userId)
  const list = root.querySelector('#messages')
  const newMessagesText = JSON.parse(
    root.querySelector('#chat-texts')?.textContent || '{}'
  ).new_messages
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content ?? ''
  // What was sent, and what the server said it stored (the socket's answer, a post, a `read`)
  let marker = Number(root.dataset.lastReadSeq) || 0
  let confirmed = marker
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
  const onConfirmed = (event) => (confirmed = Math.max(confirmed, event.detail.seq))
  root.addEventListener('chat:read', onConfirmed)
  const stopEvents = onUserEvent(userId, (event) => {
    if (event.type !== 'read' || event.room !== roomId) return
    confirmed = Math.max(confirmed, event.seq)
    if (event.seq <= marker) return
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
   * Sends the marker when the reader saw more, or again when the last one was not answered:
   * on the socket, or posted when the tab is being hidden or the room closed (`leaving`: the
   * request may outlive the page) or the socket is not there; whether it sent one
   */
  function markRead(leaving) {
    if (!leaving && (document.visibilityState !== 'visible' || !root.isConnected)) return false
    const seq = Math.max(newestSeen(), marker)
    if (seq <= confirmed) return false
    marker = seq
    if (!leaving && markOnSocket(seq)) return true
    post(seq, leaving)
    return true
  }

  async function post(seq, leaving) {
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
      // 404: the room is gone or no longer theirs, nothing to send again
      if (response.ok || response.status === 404) confirmed = Math.max(confirmed, seq)
    } catch {
      // Not stored: the next mark sends it again
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
    root.removeEventListener('chat:read', onConfirmed)
  }
}

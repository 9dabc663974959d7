/**
 * The read marker of a live room.
 *
 * - marks the room read up to the newest message on screen (or above it), debounced, only
 *   while the page is visible: on start, scroll, focus, and each new message (`chat:message`
 *   on the room, room_session.js);
 * - a message by someone else arriving while the page is hidden gets the "new messages"
 *   divider before it, unless an unread part is already marked;
 * - the user's other tabs and devices read too: their `read` events (user_events.js) move the
 *   divider past what they read, or remove it.
 */
import { onUserEvent, userEventsReady } from '../user_events.js'

const DEBOUNCE_MS = 500

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
  let timer = null

  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(markRead, DEBOUNCE_MS)
  }
  const onMessage = (event) => {
    if (!event.detail.mine && document.visibilityState !== 'visible') markNewFrom(event.detail.seq)
    schedule()
  }
  const stopScroll = scroller.onScroll(schedule)
  window.addEventListener('focus', schedule)
  document.addEventListener('visibilitychange', schedule)
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

  async function markRead() {
    if (document.visibilityState !== 'visible' || !root.isConnected) return
    const seq = newestSeen()
    if (seq <= marker) return
    const previous = marker
    marker = seq
    try {
      const response = await fetch(root.dataset.readUrl, {
        method: 'POST',
        credentials: 'same-origin',
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
    clearTimeout(timer)
    stopScroll()
    stopEvents()
    window.removeEventListener('focus', schedule)
    document.removeEventListener('visibilitychange', schedule)
    root.removeEventListener('chat:message', onMessage)
  }
}

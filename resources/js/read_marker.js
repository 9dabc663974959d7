/**
 * Read markers on the room page.
 *
 * - marks the room read up to the newest message on screen (or above it), debounced, only while
 *   the page is visible: on load, scroll, focus, and each new message (room.js dispatches
 *   `chat:message` on #chat);
 * - a message by someone else arriving while the page is hidden gets the "new messages" divider
 *   before it, unless an unread part is already marked;
 * - the user's other tabs and devices read too: their `read` events (server-sent, channel
 *   `users/<id>`) move the divider past what they read, or remove it.
 */
import { liveChannel } from './live_channels.js'

const DEBOUNCE_MS = 500
const root = document.getElementById('chat')

if (root?.dataset.readUrl) startReadMarker(root)

function startReadMarker(root) {
  const roomId = Number(root.dataset.roomId)
  const list = document.getElementById('messages')
  const texts = JSON.parse(document.getElementById('chat-texts')?.textContent || '{}')
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content ?? ''
  let marker = Number(root.dataset.lastReadSeq) || 0
  let timer = null

  const schedule = () => {
    clearTimeout(timer)
    timer = setTimeout(markRead, DEBOUNCE_MS)
  }
  window.addEventListener('scroll', schedule, { passive: true })
  window.addEventListener('focus', schedule)
  document.addEventListener('visibilitychange', schedule)
  root.addEventListener('chat:message', (event) => {
    if (!event.detail.mine && document.visibilityState !== 'visible') markNewFrom(event.detail.seq)
    schedule()
  })
  schedule()

  const own = liveChannel(`users/${root.dataset.userId}`)
  own.onMessage((event) => {
    if (event.type !== 'read' || event.room !== roomId || event.seq <= marker) return
    marker = event.seq
    placeDivider()
  })
  own
    .create()
    .then(() => (root.dataset.readMarkerReady = 'true'))
    .catch(() => {})

  /**
   * The highest seq among the messages the reader has scrolled to
   */
  function newestSeen() {
    let seq = 0
    for (const item of list.querySelectorAll('.message[data-seq]')) {
      if (item.getBoundingClientRect().top >= window.innerHeight) break
      seq = Math.max(seq, Number(item.dataset.seq))
    }
    return seq
  }

  async function markRead() {
    if (document.visibilityState !== 'visible') return
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
    const divider = document.getElementById('unread-divider')
    const next = divider && nextMessage(divider)
    if (next && Number(next.dataset.seq) > marker) return
    const item = list.querySelector(`.message[data-seq="${seq}"]`)
    if (item) item.before(divider ?? createDivider())
  }

  /**
   * Moves the divider before the first message by someone else after the marker, or removes it
   */
  function placeDivider() {
    const divider = document.getElementById('unread-divider')
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
    label.textContent = texts.new_messages ?? ''
    divider.append(label)
    return divider
  }
}

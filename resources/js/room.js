/**
 * Live room chat for the room page (protocol: chat-service/PROTOCOL.md).
 *
 * - joins with `since` = the newest seq on the page, so nothing is missed or shown twice;
 * - own messages show as pending until acked; unsent ones live in localStorage and are
 *   resent with the same client_id after a reconnect or a reload (exactly-once on the server);
 * - reconnects with capped exponential backoff and jitter;
 * - screen readers hear each new message once (the list is a role="log"); earlier messages
 *   go to a separate, silent list; typing and presence are announced politely, rate-limited;
 * - edit and delete entries of the log change the message they target (message_actions.js);
 * - names show display names and open profile cards; the socket says when the page is away
 *   (people/activity.js) so others see the person away;
 * - the Enter hint, the characters counter (near the limit; an over-long text is refused with
 *   the reason, never cut) and the online list exist only here: without JavaScript the page
 *   says nothing about them;
 * - every text comes from the page's #chat-texts block (resources/lang/<locale>/chat.json);
 * - every user-provided string is inserted with textContent, never as HTML, except a
 *   message's `html`, which the server sanitized when it stored the message.
 */
import { timeAgo } from './relative_time.js'
import { createAnnouncer } from './live_announcer.js'
import { createMessageActions } from './message_actions.js'
import { renderAttachment } from './attachments/attachment_view.js'
import './attachments.js'
import { personLink, personName } from './people/person_name.js'
import { watchActivity } from './people/activity.js'

/**
 * The composer shows how many characters are left from this many on
 */
const COUNTER_FROM = 200

const root = document.getElementById('chat')
const texts = JSON.parse(document.getElementById('chat-texts')?.textContent || '{}')
const locale = document.documentElement.lang

/**
 * The text `key` with its `{placeholders}` filled in
 */
function text(key, values = {}) {
  return (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''))
}

/**
 * Rewrites every message time ("5 minutes ago") once a minute
 */
function refreshTimes() {
  for (const time of document.querySelectorAll('.message time')) {
    const label = timeAgo(new Date(time.dateTime), locale)
    if (time.textContent !== label) time.textContent = label
  }
}

if (root) {
  refreshTimes()
  setInterval(refreshTimes, 60_000)
  if (root.dataset.live === 'true') startChat(root)
  else document.getElementById('chat-status').textContent = text('viewing_older')
}

function startChat(root) {
  const roomId = Number(root.dataset.roomId)
  const me = {
    id: Number(root.dataset.userId),
    username: root.dataset.username,
    display_name: root.dataset.displayName || undefined,
  }
  const list = document.getElementById('messages')
  const olderList = document.getElementById('older-messages')
  const status = document.getElementById('chat-status')
  const typingLine = document.getElementById('typing')
  const onlineList = document.getElementById('online-list')
  const form = document.getElementById('send-form')
  const textarea = document.getElementById('message-text')
  const olderLink = document.getElementById('older-link')
  const announce = createAnnouncer(document.getElementById('chat-announcer'))
  const activity = watchActivity((state) => {
    if (socket && socket.readyState === WebSocket.OPEN) send({ type: 'status', state })
  })
  const pendingKey = `roomchat:pending:${roomId}`

  let lastSeq = Number(root.dataset.lastSeq) || 0
  let oldestSeq = Number(list.querySelector('.message')?.dataset.seq) || lastSeq + 1
  let socket = null
  let joined = false
  let retries = 0
  let closedForGood = false
  let lastTypingSent = 0
  const typers = new Map()
  const online = new Map()
  const changeIds = new Set()
  const maxLength = Number(textarea.dataset.maxLength)
  const actions = createMessageActions({
    me,
    ownerId: Number(root.dataset.ownerId),
    maxLength,
    text,
    sendChange,
  })
  const counter = describeComposer()

  onlineList.closest('aside').hidden = false
  onlineList.replaceChildren(
    Object.assign(document.createElement('li'), {
      className: 'muted',
      textContent: text('connecting'),
    })
  )
  list.querySelectorAll('.message').forEach((item) => actions.decorate(item))
  scrollToBottom()
  loadPending().forEach((entry) => renderPending(entry))
  connect()

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const body = textarea.value.trim()
    if (!body || closedForGood) return
    if (body.length > maxLength) {
      setStatus(text('too_long', { max: maxLength }))
      return
    }
    const entry = { client_id: crypto.randomUUID(), text: body }
    savePending([...loadPending(), entry])
    renderPending(entry)
    textarea.value = ''
    updateCounter()
    sendEntry(entry)
  })

  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      form.requestSubmit()
    }
  })

  textarea.addEventListener('input', () => {
    updateCounter()
    const now = Date.now()
    if (joined && now - lastTypingSent > 2000) {
      lastTypingSent = now
      send({ type: 'typing', room: roomId })
    }
  })

  olderLink?.addEventListener('click', (event) => {
    if (!joined) return
    event.preventDefault()
    send({ type: 'history', room: roomId, before: oldestSeq, limit: 50 })
  })

  async function connect() {
    setStatus(text(retries === 0 ? 'connecting' : 'reconnecting'))
    let ticket
    try {
      const response = await fetch(root.dataset.ticketUrl, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
      if (response.status === 401 || response.redirected) {
        setStatus(text('session_ended'))
        return
      }
      if (!response.ok) throw new Error(`ticket ${response.status}`)
      ticket = await response.json()
    } catch {
      return scheduleReconnect()
    }

    const url = new URL(ticket.url, window.location.href)
    url.searchParams.set('ticket', ticket.ticket)
    socket = new WebSocket(url)
    socket.addEventListener('open', () => {
      if (activity.state === 'away') send({ type: 'status', state: 'away' })
      send({ type: 'join', room: roomId, since: lastSeq })
    })
    socket.addEventListener('message', (event) => handleFrame(event.data))
    socket.addEventListener('close', (event) => {
      joined = false
      socket = null
      if (!closedForGood) scheduleReconnect(event.code)
    })
  }

  function scheduleReconnect(code) {
    if (closedForGood) return
    const base = code === 1013 ? 250 : 1000
    const delay = Math.min(30_000, base * 2 ** retries) * (0.5 + Math.random() / 2)
    retries += 1
    setStatus(text('connection_lost'))
    setTimeout(connect, delay)
  }

  function handleFrame(data) {
    let frame
    try {
      frame = JSON.parse(data)
    } catch {
      return
    }
    if (frame.room !== undefined && frame.room !== roomId && frame.type !== 'error') return
    switch (frame.type) {
      case 'joined':
        joined = true
        retries = 0
        setStatus('')
        online.clear()
        for (const user of frame.online ?? []) online.set(user.id, user)
        renderOnline()
        loadPending().forEach((entry) => sendEntry(entry))
        break
      case 'message':
        receiveMessage(frame)
        break
      case 'ack':
        acknowledge(frame)
        break
      case 'history':
        prependHistory(frame)
        break
      case 'presence':
        updatePresence(frame)
        break
      case 'typing':
        if (frame.user.id !== me.id) showTyping(frame.user)
        break
      case 'room_deleted':
      case 'room_access_revoked':
        closedForGood = true
        setStatus(text(frame.type))
        form.querySelectorAll('textarea, button').forEach((element) => (element.disabled = true))
        socket?.close(1000)
        break
      case 'error':
        handleError(frame)
        break
    }
  }

  function receiveMessage(message) {
    if (message.seq <= lastSeq) return
    lastSeq = message.seq
    if (message.kind !== 'message') return actions.apply(message, findItem(message.target))
    const acked = findItem(message.seq)
    if (acked) return actions.fill(acked, message)
    const follow = isNearBottom() || message.user.id === me.id
    const pending = message.client_id && findPending(message.client_id)
    if (pending && message.user.id === me.id) {
      confirmPending(pending, message)
      actions.fill(pending, message)
      forgetPending(message.client_id)
    } else {
      list.insertBefore(renderMessage(message), list.querySelector('.pending, .failed'))
    }
    typers.delete(message.user.id)
    renderTyping()
    if (follow) scrollToBottom()
    /* read_marker.js listens: a new message is in the list */
    const detail = { seq: message.seq, mine: message.user.id === me.id }
    root.dispatchEvent(new CustomEvent('chat:message', { detail }))
  }

  function acknowledge(ack) {
    changeIds.delete(ack.client_id)
    const pending = findPending(ack.client_id)
    if (pending) confirmPending(pending, ack)
    forgetPending(ack.client_id)
  }

  /**
   * Turns a pending item into a sent message in place: a screen reader
   * already heard it, so it is not added to the log a second time
   */
  function confirmPending(item, { seq }) {
    item.classList.remove('pending')
    item.dataset.seq = String(seq)
    item.removeAttribute('data-client-id')
    item.querySelector('.state')?.remove()
  }

  function prependHistory(frame) {
    const older = frame.messages.filter((message) => message.seq < oldestSeq)
    const heightBefore = document.documentElement.scrollHeight
    olderList.prepend(...older.map((message) => renderMessage(message)))
    olderList.hidden = olderList.children.length === 0
    window.scrollBy(0, document.documentElement.scrollHeight - heightBefore)
    if (older.length > 0) oldestSeq = older[0].seq
    setStatus(text('older_loaded', { count: older.length }))
    if (!frame.has_more && olderLink) {
      const start = Object.assign(document.createElement('span'), {
        id: 'room-start',
        className: 'muted',
        tabIndex: -1,
        textContent: text('start_of_room'),
      })
      olderLink.replaceWith(start)
      start.focus()
    }
  }

  function handleError(frame) {
    const reason = texts[`error_${frame.code}`] ?? text('error_unknown')
    if (changeIds.delete(frame.ref)) return setStatus(reason)
    const failed = frame.ref && findPending(frame.ref)
    if (frame.code === 'rate_limited' || frame.code === 'unavailable') {
      setStatus(text('will_retry', { reason }))
      setTimeout(() => loadPending().forEach((entry) => sendEntry(entry)), 2000)
      return
    }
    if (failed) {
      failed.classList.replace('pending', 'failed')
      failed.querySelector('.state').textContent = text('not_sent', { reason })
      forgetPending(frame.ref)
      setStatus(text('send_failed', { reason }))
      return
    }
    setStatus(reason)
  }

  function sendEntry(entry) {
    if (joined) send({ type: 'send', room: roomId, client_id: entry.client_id, text: entry.text })
  }

  /**
   * Sends an edit or delete frame; false when the socket is not ready
   */
  function sendChange(frame) {
    if (!joined) {
      setStatus(text('connection_lost'))
      return false
    }
    const clientId = crypto.randomUUID()
    changeIds.add(clientId)
    send({ ...frame, room: roomId, client_id: clientId })
    return true
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame))
  }

  /**
   * A message item: author, text, then time, so a screen reader hears
   * "who: what" first; then the edited mark and buttons
   */
  function renderMessage(message) {
    const item = document.createElement('li')
    item.className = message.user.id === me.id ? 'message mine' : 'message'
    if (message.seq) item.dataset.seq = String(message.seq)
    const author = personLink(message.user, 'author')
    const time = document.createElement('time')
    const createdAt = new Date(message.created_at)
    time.dateTime = createdAt.toISOString()
    time.textContent = timeAgo(createdAt, locale)
    item.append(author, time)
    actions.fill(item, message)
    const attachment = renderAttachment(message.attachment, locale)
    if (attachment) time.before(attachment)
    return item
  }

  /**
   * The item of message `seq`, on the page or among the earlier ones loaded
   */
  function findItem(seq) {
    const selector = `[data-seq="${Number(seq)}"]`
    return list.querySelector(selector) ?? olderList.querySelector(selector)
  }

  function renderPending(entry) {
    const item = renderMessage({ seq: 0, user: me, text: entry.text, created_at: Date.now() })
    item.classList.add('pending')
    item.dataset.clientId = entry.client_id
    const state = document.createElement('span')
    state.className = 'state'
    state.textContent = text('sending')
    item.append(state)
    list.append(item)
    scrollToBottom()
  }

  function findPending(clientId) {
    return [...list.querySelectorAll('[data-client-id]')].find(
      (element) => element.dataset.clientId === clientId
    )
  }

  function loadPending() {
    try {
      return JSON.parse(localStorage.getItem(pendingKey) ?? '[]')
    } catch {
      return []
    }
  }

  function savePending(entries) {
    localStorage.setItem(pendingKey, JSON.stringify(entries))
  }

  function forgetPending(clientId) {
    savePending(loadPending().filter((entry) => entry.client_id !== clientId))
  }

  function updatePresence(frame) {
    const wasOnline = online.has(frame.user.id)
    if (frame.event === 'joined') online.set(frame.user.id, frame.user)
    else online.delete(frame.user.id)
    renderOnline()
    if (frame.user.id !== me.id && wasOnline !== online.has(frame.user.id)) {
      announce(text(frame.event === 'joined' ? 'joined' : 'left', { name: personName(frame.user) }))
    }
  }

  function renderOnline() {
    onlineList.replaceChildren(
      ...[...online.values()].map((user) => {
        const item = document.createElement('li')
        const dot = document.createElement('span')
        dot.className = 'presence'
        dot.dataset.presenceUser = String(user.id)
        const name = personLink(user, 'person')
        if (user.id === me.id) name.textContent = text('you', { name: personName(user) })
        item.append(dot, name)
        return item
      })
    )
  }

  function showTyping(user) {
    const started = !typers.has(user.id)
    clearTimeout(typers.get(user.id)?.timer)
    typers.set(user.id, {
      user,
      timer: setTimeout(() => {
        typers.delete(user.id)
        renderTyping()
      }, 3000),
    })
    renderTyping()
    if (started) announce(text('typing_one', { names: personName(user) }))
  }

  function renderTyping() {
    const names = [...typers.values()].map((entry) => personName(entry.user))
    const joinedNames = new Intl.ListFormat(locale, { type: 'conjunction' }).format(names)
    const key = names.length === 1 ? 'typing_one' : 'typing_many'
    typingLine.textContent = names.length === 0 ? '' : text(key, { names: joinedNames })
  }

  /**
   * What only works with JavaScript goes under the composer: the Enter hint
   * and the characters counter (shown near the limit; the text is never cut)
   */
  function describeComposer() {
    const hint = Object.assign(document.createElement('p'), {
      id: 'message-text-hint',
      className: 'field-hint',
      textContent: text('message_hint'),
    })
    const count = Object.assign(document.createElement('p'), {
      id: 'message-counter',
      className: 'field-hint',
      hidden: true,
    })
    textarea.after(hint, count)
    const describedBy = textarea.getAttribute('aria-describedby')
    textarea.setAttribute(
      'aria-describedby',
      [describedBy, hint.id, count.id].filter(Boolean).join(' ')
    )
    return count
  }

  function updateCounter() {
    const left = maxLength - textarea.value.trim().length
    counter.hidden = left > COUNTER_FROM
    counter.textContent =
      left >= 0 ? text('chars_left', { count: left }) : text('chars_over', { count: -left })
    counter.classList.toggle('field-error', left < 0)
    counter.classList.toggle('field-hint', left >= 0)
    textarea.setAttribute('aria-invalid', String(left < 0))
  }

  function setStatus(message) {
    status.textContent = message
  }

  function isNearBottom() {
    const { scrollHeight } = document.documentElement
    return window.innerHeight + window.scrollY >= scrollHeight - 200
  }

  function scrollToBottom() {
    window.scrollTo(0, document.documentElement.scrollHeight)
  }
}

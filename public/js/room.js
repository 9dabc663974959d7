/**
 * Live room chat for the room page (protocol: chat-service/PROTOCOL.md).
 *
 * - joins with `since` = the newest seq on the page, so nothing is missed or shown twice;
 * - own messages show as pending until acked; unsent ones live in localStorage and are
 *   resent with the same client_id after a reconnect or a reload (exactly-once on the server);
 * - reconnects with capped exponential backoff and jitter;
 * - every user-provided string is inserted with textContent, never as HTML.
 */

const root = document.getElementById('chat')

if (root && root.dataset.live === 'true') {
  startChat(root)
} else if (root) {
  document.getElementById('chat-status').textContent = 'Viewing older messages.'
}

function startChat(root) {
  const roomId = Number(root.dataset.roomId)
  const me = { id: Number(root.dataset.userId), username: root.dataset.username }
  const list = document.getElementById('messages')
  const status = document.getElementById('chat-status')
  const typingLine = document.getElementById('typing')
  const onlineList = document.getElementById('online-list')
  const form = document.getElementById('send-form')
  const textarea = document.getElementById('message-text')
  const olderLink = document.getElementById('older-link')
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

  scrollToBottom()
  loadPending().forEach((entry) => renderPending(entry))
  connect()

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const text = textarea.value.trim()
    if (!text || closedForGood) return
    const entry = { client_id: crypto.randomUUID(), text }
    savePending([...loadPending(), entry])
    renderPending(entry)
    textarea.value = ''
    sendEntry(entry)
  })

  textarea.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      form.requestSubmit()
    }
  })

  textarea.addEventListener('input', () => {
    const now = Date.now()
    if (joined && now - lastTypingSent > 2000) {
      lastTypingSent = now
      send({ type: 'typing', room: roomId })
    }
  })

  if (olderLink) {
    olderLink.addEventListener('click', (event) => {
      if (!joined) return
      event.preventDefault()
      send({ type: 'history', room: roomId, before: oldestSeq, limit: 50 })
    })
  }

  async function connect() {
    setStatus(retries === 0 ? 'Connecting…' : 'Reconnecting…')
    let ticket
    try {
      const response = await fetch(root.dataset.ticketUrl, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
      if (response.status === 401 || response.redirected) {
        setStatus('Your session ended. Please log in again.')
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
    setStatus('Connection lost. Reconnecting…')
    setTimeout(connect, delay)
  }

  function handleFrame(data) {
    let frame
    try {
      frame = JSON.parse(data)
    } catch {
      return
    }
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
        if (frame.room === roomId) receiveMessage(frame)
        break
      case 'ack':
        if (frame.room === roomId) acknowledge(frame)
        break
      case 'history':
        if (frame.room === roomId) prependHistory(frame)
        break
      case 'presence':
        if (frame.room !== roomId) break
        if (frame.event === 'joined') online.set(frame.user.id, frame.user)
        else online.delete(frame.user.id)
        renderOnline()
        break
      case 'typing':
        if (frame.room === roomId && frame.user.id !== me.id) showTyping(frame.user)
        break
      case 'room_deleted':
        if (frame.room !== roomId) break
        closedForGood = true
        setStatus('This room was deleted by its owner.')
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
    const pending = message.client_id && findPending(message.client_id)
    const element = renderMessage(message)
    if (pending && message.user.id === me.id) {
      pending.replaceWith(element)
      forgetPending(message.client_id)
    } else {
      const firstPending = list.querySelector('.message.pending, .message.failed')
      list.insertBefore(element, firstPending)
    }
    typers.delete(message.user.id)
    renderTyping()
    scrollToBottom()
  }

  function acknowledge(ack) {
    const pending = findPending(ack.client_id)
    if (pending && ack.seq <= lastSeq) pending.remove()
    else if (pending) pending.querySelector('.state').textContent = 'sent'
    forgetPending(ack.client_id)
  }

  function prependHistory(frame) {
    const older = frame.messages.filter((message) => message.seq < oldestSeq)
    const firstChild = list.firstElementChild
    for (const message of older) list.insertBefore(renderMessage(message), firstChild)
    if (older.length > 0) oldestSeq = older[0].seq
    if (!frame.has_more && olderLink) {
      olderLink.replaceWith(
        Object.assign(document.createElement('span'), {
          className: 'muted',
          textContent: 'This is the start of the room.',
        })
      )
    }
  }

  function handleError(frame) {
    const failed = frame.ref && findPending(frame.ref)
    if (failed && frame.code !== 'rate_limited' && frame.code !== 'unavailable') {
      failed.classList.replace('pending', 'failed')
      failed.querySelector('.state').textContent = `not sent: ${frame.message}`
      forgetPending(frame.ref)
      return
    }
    if (frame.code === 'rate_limited' || frame.code === 'unavailable') {
      setStatus(`${frame.message} Your message will be retried.`)
      setTimeout(() => loadPending().forEach((entry) => sendEntry(entry)), 2000)
      return
    }
    setStatus(frame.message)
  }

  function sendEntry(entry) {
    if (joined) send({ type: 'send', room: roomId, client_id: entry.client_id, text: entry.text })
  }

  function send(frame) {
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame))
  }

  function renderMessage(message) {
    const item = document.createElement('li')
    item.className = message.user.id === me.id ? 'message mine' : 'message'
    item.dataset.seq = String(message.seq)
    const author = document.createElement('span')
    author.className = 'author'
    author.textContent = message.user.username
    const time = document.createElement('time')
    const createdAt = new Date(message.created_at)
    time.dateTime = createdAt.toISOString()
    time.textContent = createdAt.toLocaleString([], {
      day: '2-digit',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
    })
    const text = document.createElement('p')
    text.className = 'text'
    text.textContent = message.text
    item.append(author, ' ', time, text)
    return item
  }

  function renderPending(entry) {
    const item = renderMessage({ seq: 0, user: me, text: entry.text, created_at: Date.now() })
    item.classList.add('pending')
    item.removeAttribute('data-seq')
    item.dataset.clientId = entry.client_id
    const state = document.createElement('span')
    state.className = 'state'
    state.textContent = 'sending…'
    item.querySelector('time').after(state)
    list.append(item)
    scrollToBottom()
  }

  function findPending(clientId) {
    return [...list.querySelectorAll('[data-client-id]')].find(
      (el) => el.dataset.clientId === clientId
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

  function renderOnline() {
    onlineList.replaceChildren(
      ...[...online.values()].map((user) => {
        const item = document.createElement('li')
        item.textContent = user.id === me.id ? `${user.username} (you)` : user.username
        return item
      })
    )
  }

  function showTyping(user) {
    clearTimeout(typers.get(user.id)?.timer)
    typers.set(user.id, {
      user,
      timer: setTimeout(() => {
        typers.delete(user.id)
        renderTyping()
      }, 3000),
    })
    renderTyping()
  }

  function renderTyping() {
    const names = [...typers.values()].map((entry) => entry.user.username)
    typingLine.textContent =
      names.length === 0
        ? ''
        : names.length === 1
          ? `${names[0]} is typing…`
          : `${names.join(', ')} are typing…`
  }

  function setStatus(text) {
    status.textContent = text
  }

  function scrollToBottom() {
    list.scrollTop = list.scrollHeight
  }
}

/**
 * One live room on the page (its #chat element) over the page's chat socket: joins with
 * `since` = the newest seq shown, so nothing is missed or shown twice; sends from the outbox
 * (own messages show as pending until acknowledged; unsent ones survive a reconnect or a
 * reload in localStorage, under the writer's id, and are sent again with the same client_id,
 * stored once); keeps what is left in the message box per room for the tab; applies
 * the room's frames to the message list, the presence view and the composer.
 *
 * Events on `root`, for other modules: `chat:message` ({seq, mine}) when a new message is in
 * the list, and `chat:entry` (the frame) for every live entry of the log.
 */
import { createAnnouncer } from '../live_announcer.js'
import { createOutbox } from './outbox.ts'
import { createDraft } from './drafts.ts'
import { createMessageListView } from './message_list_view.js'
import { createPresenceView } from './presence_view.js'
import { createComposer } from './composer.js'
import { createThreads } from '../threads/threads.js'

/** Typing notices go out at most this often */
const TYPING_EVERY_MS = 2000

/** After `rate_limited` or `unavailable`, the outbox is sent again this much later */
const RETRY_AFTER_MS = 2000

/**
 * Starts the room `root` (#chat) on `socket` (chat_socket.js); `text`: the page's texts;
 * `messageList`: the room's list layout (message_list/view.js)
 */
export function createRoomSession({ root, socket, text, messageList }) {
  const roomId = Number(root.dataset.roomId)
  const me = {
    id: Number(root.dataset.userId),
    username: root.dataset.username,
    display_name: root.dataset.displayName || undefined,
  }
  const status = root.querySelector('#chat-status')
  const olderLink = root.querySelector('#older-link')
  const announce = createAnnouncer(root.querySelector('#chat-announcer'))
  const outbox = createOutbox(window.localStorage, { userId: me.id, roomId })
  // client_id of each change awaiting its answer → what to call if the chat refuses it
  const changeIds = new Map()
  const timers = new Set()
  let lastSeq = Number(root.dataset.lastSeq) || 0
  let lastTypingSent = 0
  let closedForGood = false

  const setStatus = (message) => (status.textContent = message)
  const joined = () => socket.isJoined(roomId)
  const send = (frame) => joined() && socket.send({ ...frame, room: roomId })

  const list = createMessageListView({
    root,
    me,
    text,
    messageList,
    maxLength: Number(root.querySelector('#message-text').dataset.maxLength),
    sendChange,
  })
  const presence = createPresenceView({ root, me, text, announce })
  const threads = createThreads({
    root,
    context: messageList.context,
    request: send,
    sendChange,
    maxLength: Number(root.querySelector('#message-text').dataset.maxLength),
  })
  const composer = createComposer({
    root,
    text,
    draft: createDraft(window.sessionStorage, { userId: me.id, roomId }),
    announce,
    setStatus,
    onSend: sendText,
    onTyping() {
      const now = Date.now()
      if (joined() && now - lastTypingSent > TYPING_EVERY_MS) {
        lastTypingSent = now
        send({ type: 'typing' })
      }
    },
    onEditLast: (box) => list.editLastOwn(box),
    mentionCandidates,
  })

  outbox.entries().forEach((entry) => list.addPending(entry))
  olderLink?.addEventListener('click', (event) => {
    if (!joined()) return
    event.preventDefault()
    send({ type: 'history', before: list.oldestSeq(), limit: 50 })
  })
  socket.open(roomId, { since: () => lastSeq, onFrame: handleFrame })
  if (!joined()) setStatus(text('connecting'))

  function handleFrame(frame) {
    switch (frame.type) {
      case 'joined':
        setStatus('')
        presence.reset(frame.online ?? [])
        outbox.entries().forEach((entry) => sendEntry(entry))
        break
      case 'message':
        receive(frame)
        break
      case 'ack':
        changeIds.delete(frame.client_id)
        list.confirmPending(frame.client_id, frame.seq)
        outbox.forget(frame.client_id)
        break
      case 'history':
        showHistory(frame)
        break
      case 'replies':
        threads.show(frame)
        break
      case 'presence':
        presence.update(frame)
        break
      case 'muted':
        setStatus(
          frame.until
            ? text('muted_until', { time: messageList.context.clock.full(Date.parse(frame.until)) })
            : text('mute_ended')
        )
        break
      case 'typing':
        if (frame.user.id !== me.id) presence.typing(frame.user)
        break
      case 'read':
        root.dispatchEvent(new CustomEvent('chat:read', { detail: { seq: frame.seq } }))
        break
      case 'room_deleted':
      case 'room_access_revoked':
        closedForGood = true
        setStatus(text(frame.type))
        composer.disable()
        socket.close(roomId)
        break
      case 'error':
        handleError(frame)
        break
    }
  }

  function receive(message) {
    if (message.seq <= lastSeq) return
    lastSeq = message.seq
    list.receive(message)
    root.dispatchEvent(new CustomEvent('chat:entry', { detail: message }))
    if (message.kind !== 'message') return
    if (message.client_id && message.user.id === me.id) outbox.forget(message.client_id)
    presence.stoppedTyping(message.user.id)
    const detail = { seq: message.seq, mine: message.user.id === me.id }
    root.dispatchEvent(new CustomEvent('chat:message', { detail }))
  }

  function showHistory(frame) {
    const count = list.prependOlder(frame.messages)
    setStatus(text('older_loaded', { count }))
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
    if (typeof frame.ref === 'number' && frame.ref !== roomId) return
    const reason = text.has(`error_${frame.code}`)
      ? text(`error_${frame.code}`)
      : text('error_unknown')
    const refused = changeIds.get(frame.ref)
    if (refused) {
      changeIds.delete(frame.ref)
      refused(reason)
      return setStatus(reason)
    }
    if (frame.code === 'rate_limited' || frame.code === 'unavailable') {
      setStatus(text('will_retry', { reason }))
      later(() => outbox.entries().forEach((entry) => sendEntry(entry)), RETRY_AFTER_MS)
      return
    }
    if (frame.ref && list.failPending(frame.ref, reason, sendText)) {
      outbox.forget(frame.ref)
      setStatus(text('send_failed', { reason }))
      return
    }
    if (typeof frame.ref === 'string' && !outbox.has(frame.ref)) return
    setStatus(reason)
  }

  /** Sends `body` as a new message: pending in the list and in the outbox until acknowledged */
  function sendText(body) {
    if (closedForGood) return
    const entry = outbox.add(body)
    list.addPending(entry)
    sendEntry(entry)
  }

  function sendEntry(entry) {
    send({ type: 'send', client_id: entry.client_id, text: entry.text })
  }

  /**
   * Sends an edit or delete frame (or a thread's reply); false when the socket is not ready;
   * `onRefused(reason)` runs if the chat refuses it
   */
  function sendChange(frame, onRefused = () => {}) {
    if (!joined()) {
      setStatus(text('connection_lost'))
      return false
    }
    const clientId = crypto.randomUUID()
    changeIds.set(clientId, onRefused)
    send({ ...frame, client_id: clientId })
    return true
  }

  /**
   * Usernames to suggest after "@": the room's members listed on the page
   * (`data-member-username`), the people online, and the authors shown (`data-username` of
   * their profile links)
   */
  function mentionCandidates() {
    const names = new Set()
    root.querySelectorAll('[data-member-username]').forEach((element) => {
      names.add(element.dataset.memberUsername)
    })
    presence.onlineUsers().forEach((user) => names.add(user.username))
    root.querySelectorAll('.message .author[data-username]').forEach((element) => {
      names.add(element.dataset.username)
    })
    names.delete(me.username)
    return names
  }

  function later(callback, delay) {
    const timer = setTimeout(() => {
      timers.delete(timer)
      callback()
    }, delay)
    timers.add(timer)
  }

  return {
    roomId,
    list,

    /** Marks the room read up to `seq` on the socket (answered with `chat:read` on the room); whether it went */
    markRead(seq) {
      return send({ type: 'read', seq })
    },

    /** Shows connection news from the socket (a key of the page's texts) */
    connectionStatus(key) {
      if (!closedForGood) setStatus(text(key))
    },

    /** Leaves the room (another room replaces it on the page) */
    dispose() {
      socket.close(roomId)
      presence.dispose()
      threads.dispose()
      timers.forEach((timer) => clearTimeout(timer))
    },
  }
}

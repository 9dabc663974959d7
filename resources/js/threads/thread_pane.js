/**
 * The thread pane (Slack-style side thread) over the right of the room: a message, its replies
 * (live) and a composer that sends replies to it. Rows are the message list's markup
 * (message_list/render.js) without ids, menus, quotes or thread links: the room's list keeps
 * those; their reaction chips work as in the list. A "New replies" divider marks replies by
 * others since the thread was last shown (`seen`, thread_actions.js). Escape or the close button closes it, focus going back to what opened it.
 */
import { renderMessage } from '../message_list/render.js'

/**
 * `host`: where the pane goes (the room's .room-body); `context`: the message list's
 * RenderContext; `request(frame)`: asks the socket (`replies`); `sendReply(text, root,
 * onRefused)`: sends a reply, false when it cannot; `seen`: the per-thread read marker
 * (threads.js)
 */
export function createThreadPane({ host, context, request, sendReply, seen, maxLength }) {
  const { listText } = context
  const pane = element('aside', 'thread-pane')
  pane.hidden = true
  pane.setAttribute('aria-labelledby', 'thread-heading')
  const heading = element('h2', '', listText('thread_title'))
  heading.id = 'thread-heading'
  heading.tabIndex = -1
  const close = element('button', 'thread-close', '×')
  close.type = 'button'
  close.setAttribute('aria-label', listText('thread_close'))
  const header = element('header', 'thread-header')
  header.append(heading, close)
  const rootList = element('ol', 'messages thread-root')
  const countLine = element('p', 'thread-count-line')
  const replies = element('ol', 'messages thread-replies')
  const log = element('div')
  log.setAttribute('role', 'log')
  log.setAttribute('aria-labelledby', 'thread-heading')
  log.append(replies)
  const body = element('div', 'thread-body')
  body.append(rootList, countLine, log)
  const form = element('form', 'thread-form send-form')
  const label = element('label', 'visually-hidden', listText('thread_reply_label'))
  label.htmlFor = 'thread-reply-text'
  const box = element('textarea')
  box.id = 'thread-reply-text'
  box.rows = 1
  box.maxLength = maxLength
  const send = element('button', '', listText('thread_send'))
  send.type = 'submit'
  const field = element('div', 'field')
  field.append(label, box)
  form.append(field, send)
  pane.append(header, body, form)
  host.append(pane)

  let rootSeq = null
  let count = 0
  let opener = null

  close.addEventListener('click', hide)
  pane.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !event.defaultPrevented) {
      event.preventDefault()
      hide()
    }
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    submit()
  })
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault()
      submit()
    }
  })

  function submit() {
    const text = box.value.trim()
    if (!text || text.length > maxLength || rootSeq === null) return
    const sentTo = rootSeq
    // A refused reply comes back into the box, unless another one was started there
    const giveBack = () => {
      if (rootSeq === sentTo && box.value === '') box.value = text
    }
    if (sendReply(text, rootSeq, giveBack)) box.value = ''
  }

  function hide() {
    pane.hidden = true
    rootSeq = null
    opener?.focus()
  }

  /** A row of the pane: the list's markup, minus what only the room's list has */
  function row(message) {
    const item = renderMessage(message, true, context)
    item.removeAttribute('id')
    item.querySelectorAll('.message-menu, .reply-quote, .thread-link').forEach((n) => n.remove())
    return item
  }

  function showCount() {
    countLine.textContent =
      count === 1 ? listText('replies_one') : listText('replies_other', { count })
  }

  return {
    /** The root's seq shown, or null when the pane is closed */
    rootSeq: () => rootSeq,

    /** Whether the pane shows message `seq` */
    shows: (seq) =>
      rootSeq !== null &&
      (seq === rootSeq || Boolean(replies.querySelector(`[data-seq="${seq}"]`))),

    /**
     * Opens the thread of message `seq` (a reply's: its root's), loading it over the socket;
     * `from` gets focus back on close; `focusComposer` puts focus in the reply box
     */
    open(seq, from, focusComposer) {
      opener = from ?? document.activeElement
      rootSeq = seq
      pane.hidden = false
      pane.dataset.focusComposer = focusComposer ? 'true' : ''
      rootList.replaceChildren()
      replies.replaceChildren()
      countLine.textContent = ''
      request({ type: 'replies', target: seq, limit: 100 })
      ;(focusComposer ? box : heading).focus()
    },

    /** Shows a `replies` answer for the thread asked for */
    show(frame) {
      if (pane.hidden) return
      rootSeq = frame.root.seq
      count = frame.root.thread?.count ?? frame.messages.length
      rootList.replaceChildren(row(frame.root))
      const last = seen.get(rootSeq)
      const items = []
      for (const message of frame.messages) {
        if (last !== null && message.seq > last && message.user.id !== context.me.id) {
          if (!items.some((item) => item.classList.contains('thread-new'))) {
            items.push(element('li', 'thread-new', listText('thread_new')))
          }
        }
        items.push(row(message))
      }
      replies.replaceChildren(...items)
      showCount()
      const newest = frame.messages.at(-1)
      seen.set(rootSeq, newest ? newest.seq : 0)
    },

    /** A live reply of the thread shown */
    receive(message) {
      if (pane.hidden || message.reply_to !== rootSeq) return
      replies.append(row(message))
      count += 1
      showCount()
      seen.set(rootSeq, message.seq)
      body.scrollTop = body.scrollHeight
    },

    dispose() {
      pane.remove()
    },
  }
}

function element(tag, className, content) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (content !== undefined) node.textContent = content
  return node
}

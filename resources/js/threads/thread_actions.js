/**
 * What threads.js loads on first use: the thread pane (thread_pane.js), each thread's read
 * marker, and keeping rows current as live entries come (a reply updates its root's
 * "N replies" link, an edit or deletion of a root updates the quotes of its replies, any
 * change of a message the pane shows reloads the thread).
 *
 * A thread's read marker is per person and browser (localStorage): the newest reply seen in its pane. A
 * thread one opened or replied to is followed: replies by others that come while its pane is
 * not shown mark its "N replies" link "new" until it is opened.
 */
import { createThreadPane } from './thread_pane.js'
import { quoteText, renderThreadLink, replyExcerpt } from './thread_markup.js'

/**
 * `root`: the room (#chat); `context`: the message list's RenderContext; `request(frame)`
 * sends a frame for the room; `sendChange(frame, onRefused)` sends a write with a fresh
 * client_id (false when it cannot); `maxLength`: the longest text the chat takes
 */
export function createThreadActions({ root, context, request, sendChange, maxLength }) {
  const seen = createSeenMarkers(window.localStorage, root.dataset.userId, root.dataset.roomId)
  const pane = createThreadPane({
    host: root.querySelector('.room-body') ?? root,
    context,
    request,
    maxLength,
    seen,
    sendReply(text, rootSeq, onRefused) {
      if (seen.get(rootSeq) === null) seen.set(rootSeq, 0)
      return sendChange({ type: 'send', text, reply_to: rootSeq }, onRefused)
    },
  })

  const rowOf = (seq) =>
    root.querySelector(`#messages [data-seq="${seq}"], #older-messages [data-seq="${seq}"]`)

  /** A new reply: its root's link counts it; its pane shows it */
  function replied(reply) {
    const content = rowOf(reply.reply_to)?.querySelector('.message-content')
    if (content) {
      const old = content.querySelector(':scope > .thread-link')
      const count = (old ? Number(old.dataset.count) : 0) + 1
      const link = renderThreadLink(reply.reply_to, { count, last_at: reply.created_at }, context)
      const following = seen.get(reply.reply_to) !== null
      if (following && pane.rootSeq() !== reply.reply_to && reply.user.id !== context.me.id) {
        const badge = document.createElement('span')
        badge.className = 'thread-unread'
        badge.textContent = context.listText('thread_unread')
        link.append(' ', badge)
      }
      // The link keeps its element, so focus on it (the pane's opener) stays
      if (old) {
        old.dataset.count = link.dataset.count
        old.replaceChildren(...link.childNodes)
      } else content.append(link)
    }
    pane.receive(reply)
  }

  /** An edit or deletion: quotes of the changed message follow */
  function changed(entry) {
    const quotes = root.querySelectorAll(`.reply-quote[data-reply-to="${entry.target}"]`)
    for (const quote of quotes) {
      const parent = { deleted: entry.deleted, text: replyExcerpt(entry.text) }
      quote.querySelector('.reply-quote-text')?.replaceWith(quoteText(parent, context))
    }
  }

  return {
    /** Opens the thread of message `seq`; focus goes back to `from` on close */
    open(seq, from, focusComposer) {
      from?.querySelector?.('.thread-unread')?.remove()
      pane.open(seq, from, focusComposer)
    },

    /** A live entry of the room's log */
    entry(entry) {
      if (entry.kind === 'message' && entry.reply_to) return replied(entry)
      if (entry.kind === 'edit' || entry.kind === 'delete') changed(entry)
      // An edit, deletion, reaction or pin of a message the pane shows: it reads the thread again
      if (entry.target !== null && pane.shows(entry.target)) {
        request({ type: 'replies', target: pane.rootSeq(), limit: 100 })
      }
    },

    /** A `replies` answer */
    show: (frame) => pane.show(frame),

    dispose: () => pane.dispose(),
  }
}

/**
 * The newest reply `userId` saw per thread of the room, in `storage` (null: a thread never
 * opened); another person on the same browser has markers of their own
 */
function createSeenMarkers(storage, userId, roomId) {
  const key = (rootSeq) => `roomchat:thread-seen:${userId}:${roomId}:${rootSeq}`
  return {
    get(rootSeq) {
      const value = storage.getItem(key(rootSeq))
      return value === null ? null : Number(value)
    },
    set(rootSeq, seq) {
      const before = Number(storage.getItem(key(rootSeq)) ?? 0)
      storage.setItem(key(rootSeq), String(Math.max(before, seq)))
    },
  }
}

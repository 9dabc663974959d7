/**
 * The browser's copies of partials/reply_quote.edge and partials/thread_link.edge, so live
 * rows get the markup the server renders (message_list/render.js calls them). Every
 * user-provided string goes in with textContent.
 */
import { personName } from '../people/person_name.js'

/** How many characters (code points) of its root a reply quotes (chat-service src/replies.ts) */
const EXCERPT_LENGTH = 100

/**
 * The start of a text as a reply quotes it
 */
export function replyExcerpt(text) {
  return Array.from(text).slice(0, EXCERPT_LENGTH).join('')
}

/**
 * The quote of its root above a reply (`message` a frame with `reply_to` and `parent`), a link
 * to the root in context; null for other messages
 * @param {import('../message_list/render.js').RenderContext} context
 */
export function renderReplyQuote(message, context) {
  if (!message.reply_to || !message.parent) return null
  const link = element('a', 'reply-quote')
  link.href = `${context.messagesUrl}/${message.reply_to}`
  link.dataset.replyTo = String(message.reply_to)
  link.append(
    element('span', 'visually-hidden', `${context.listText('reply_quote')} `),
    element('span', 'reply-quote-author', personName(message.parent.user)),
    ' ',
    quoteText(message.parent, context)
  )
  return link
}

/**
 * The quoted text of a root: its excerpt, or the deleted note
 * @param {import('../message_list/render.js').RenderContext} context
 */
export function quoteText(parent, context) {
  return parent.deleted
    ? element('span', 'reply-quote-text deleted-note', context.text('message_deleted'))
    : element('span', 'reply-quote-text', parent.text)
}

/**
 * "N replies, last reply HH:MM" under a thread's root (`thread`: {count, last_at}), a link to
 * its thread page; null without replies
 * @param {import('../message_list/render.js').RenderContext} context
 */
export function renderThreadLink(seq, thread, context) {
  if (!thread || thread.count === 0) return null
  const link = element('a', 'thread-link')
  link.href = `${context.messagesUrl}/${seq}/replies`
  link.dataset.thread = String(seq)
  link.dataset.count = String(thread.count)
  const count =
    thread.count === 1
      ? context.listText('replies_one')
      : context.listText('replies_other', { count: thread.count })
  const time = context.clock.time(new Date(thread.last_at).getTime())
  link.append(
    element('span', 'thread-count', count),
    ' ',
    element('span', 'thread-last', context.listText('last_reply', { time }))
  )
  return link
}

function element(tag, className, content) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (content !== undefined) node.textContent = content
  return node
}

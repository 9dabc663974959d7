/**
 * The browser's copy of the message list's Edge partials (partials/message.edge,
 * message_menu.edge, day_separator.edge; the avatar, name and file come from the people and
 * attachments modules, copies of theirs): live entries get exactly the markup
 * the server renders, so one stylesheet and one set of scripts serve both (a browser spec
 * compares them). Every user-provided string goes in with textContent, except a message's
 * `html`, which the server sanitized when it stored the message.
 */
import { avatarElement, personLink, personName } from '../people/person_name.js'
import { renderAttachment } from '../attachments/attachment_view.js'
import { renderReplyQuote, renderThreadLink } from '../threads/thread_markup.js'
import { renderMessageExtras, renderPinItem, renderReactItem } from '../reactions/message_extras.js'

/**
 * What rendering needs from the page: `me` ({ id, username }), `moderates` (whether
 * `me` moderates the room: pins, unpins and deletes anyone's message), `messagesUrl` (the room's /rooms/:id/messages), `csrfToken`, `clock`
 * (timeline.ts createClock), `locale`, `text(key, values)` (chat.client texts) and
 * `listText(key, values)` (room_view.client texts)
 * @typedef {object} RenderContext
 */

/**
 * partials/day_separator.edge: the separator before the first message of `day` (YYYY-MM-DD)
 */
export function renderDaySeparator(day, clock) {
  const item = element('li', 'day-separator')
  item.dataset.day = day
  item.append(element('h3', '', clock.day(day)))
  return item
}

/**
 * partials/message.edge for `message` (a `message` frame of the chat protocol; seq 0 for one
 * still being sent), starting a group or not
 * @param {RenderContext} context
 */
export function renderMessage(message, groupStart, context) {
  const item = document.createElement('li')
  fillMessage(item, message, groupStart, context)
  return item
}

/**
 * Makes `item` show `message` in place (a pending message once stored, an edit, a deletion),
 * keeping the element so a screen reader does not hear it as new
 * @param {RenderContext} context
 */
export function fillMessage(item, message, groupStart, context) {
  const { me } = context
  const mine = message.user.id === me.id
  const deleted = Boolean(message.deleted)
  for (const name of item.getAttributeNames()) item.removeAttribute(name)
  if (message.seq) item.id = `message-${message.seq}`
  item.className = ['message', groupStart && 'group-start', mine && 'mine', deleted && 'deleted']
    .filter(Boolean)
    .join(' ')
  if (message.seq) item.dataset.seq = String(message.seq)
  item.dataset.userId = String(message.user.id)
  if (mine && !deleted) item.dataset.text = message.text
  if (message.edited_at && !deleted) item.dataset.edited = 'true'

  const content = element('div', 'message-content')
  const quote = deleted ? null : renderReplyQuote(message, context)
  if (quote) content.append(quote)
  if (deleted) {
    content.append(element('p', 'text deleted-note', context.text('message_deleted')))
  } else if (message.html) {
    const body = element('div', 'text markdown')
    body.innerHTML = message.html
    content.append(body)
  } else {
    content.append(element('p', 'text', message.text))
  }
  if (message.edited_at && !deleted)
    content.append(element('span', 'edited', context.text('edited')))
  const attachment = deleted ? null : renderAttachment(message.attachment, context.locale)
  if (attachment) content.append(attachment)
  content.append(...renderMessageExtras(message, context))
  const thread = renderThreadLink(message.seq, message.thread, context)
  if (thread) content.append(thread)

  const sentAt = new Date(message.created_at).getTime()
  const time = element('time', '', context.clock.time(sentAt))
  time.dateTime = new Date(sentAt).toISOString()
  time.title = context.clock.full(sentAt)

  item.replaceChildren(
    avatarElement(message.user),
    renderAuthor(message.user, groupStart),
    content,
    time
  )
  if (message.seq && !deleted) item.append(renderMenu(message, mine, context))
}

/**
 * partials/message_menu.edge: edit (own messages), react, reply, pin (moderators) and delete (own
 * messages, moderators), working without JavaScript
 * @param {RenderContext} context
 */
function renderMenu(message, mine, context) {
  const menu = element('details', 'menu message-menu')
  const button = element('summary', 'menu-button')
  const time = context.clock.time(new Date(message.created_at).getTime())
  button.setAttribute(
    'aria-label',
    context.listText('message_menu', { name: personName(message.user), time })
  )
  const dots = element('span', '', '⋯')
  dots.setAttribute('aria-hidden', 'true')
  button.append(dots)
  const items = element('div', 'menu-items')
  const url = `${context.messagesUrl}/${message.seq}`
  if (mine) {
    const edit = element('a', 'menu-item', context.listText('edit'))
    edit.dataset.action = 'edit'
    edit.href = `${url}/edit`
    items.append(edit)
  }
  items.append(renderReactItem(message.seq, context))
  const reply = element('a', 'menu-item', context.listText('reply'))
  reply.dataset.action = 'reply'
  reply.href = `${url}/replies`
  items.append(reply)
  if (context.moderates) items.append(renderPinItem(message.seq, Boolean(message.pinned), context))
  menu.append(button, items)
  if (!mine && !context.moderates) return menu
  const form = element('form', 'menu-form')
  form.method = 'POST'
  form.setAttribute('action', `${url}?_method=DELETE`)
  const csrf = document.createElement('input')
  csrf.setAttribute('type', 'hidden')
  csrf.setAttribute('name', '_csrf')
  csrf.setAttribute('value', context.csrfToken)
  const remove = element('button', 'menu-item', context.listText('delete'))
  remove.type = 'submit'
  remove.dataset.action = 'delete'
  form.append(csrf, remove)
  items.append(form)
  return menu
}

/**
 * The author of a row: a link to their profile when the row starts a group, else their name as
 * text (hidden but for screen readers)
 */
export function renderAuthor(user, groupStart) {
  if (groupStart) return personLink(user, 'author')
  const name = element('span', 'author', personName(user))
  name.dataset.username = user.username
  return name
}

/**
 * A message's text: its sanitized `html`, else its plain text
 */
export function renderBody(message) {
  if (!message.html) return element('p', 'text', message.text)
  const body = element('div', 'text markdown')
  body.innerHTML = message.html
  return body
}

/**
 * The "(edited)" mark
 * @param {RenderContext} context
 */
export function renderEdited(context) {
  return element('span', 'edited', context.text('edited'))
}

function element(tag, className, content) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (content !== undefined) node.textContent = content
  return node
}

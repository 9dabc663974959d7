/**
 * The browser's copies of partials/message_extras.edge (a message's pinned mark and reactions)
 * and of the message menu's React and Pin/Unpin items (message_menu.edge, pin_menu_item.edge),
 * for message/render.js: live rows get exactly the markup the server renders.
 */
import { renderReactions } from './reaction_view.js'

/**
 * What goes under a message's text: its pinned mark (`pinned` of a history frame) and its
 * reactions (`reactions`); none for a deleted message
 * @param {import('../message_list/render.js').RenderContext} context
 */
export function renderMessageExtras(message, context) {
  if (message.deleted || !message.seq) return []
  const reactions = renderReactions(message.seq, message.reactions, context)
  return [message.pinned && renderPinnedMark(context), reactions].filter(Boolean)
}

/**
 * The "Pinned" mark of a pinned message
 * @param {import('../message_list/render.js').RenderContext} context
 */
export function renderPinnedMark(context) {
  const mark = element('span', 'pinned-mark')
  const pin = element('span', '', '📌 ')
  pin.setAttribute('aria-hidden', 'true')
  mark.append(pin, context.listText('pinned'))
  return mark
}

/**
 * The menu's React item: the reaction page without JavaScript, the picker with it
 * @param {import('../message_list/render.js').RenderContext} context
 */
export function renderReactItem(seq, context) {
  const item = element('a', 'menu-item', context.listText('react'))
  item.dataset.action = 'react'
  item.href = `${context.messagesUrl}/${seq}/reactions`
  return item
}

/**
 * The menu's Pin item (Unpin when `pinned`), for whoever moderates the room: a form posting to
 * the room's pins without JavaScript
 * @param {import('../message_list/render.js').RenderContext} context
 */
export function renderPinItem(seq, pinned, context) {
  const pinsUrl = context.messagesUrl.replace(/\/messages$/, '/pins')
  const form = element('form', 'menu-form')
  form.method = 'POST'
  form.setAttribute('action', pinned ? `${pinsUrl}/${seq}?_method=DELETE` : pinsUrl)
  form.append(hiddenInput('_csrf', context.csrfToken))
  if (!pinned) form.append(hiddenInput('seq', String(seq)))
  const button = element('button', 'menu-item', context.listText(pinned ? 'unpin' : 'pin'))
  button.type = 'submit'
  button.dataset.action = pinned ? 'unpin' : 'pin'
  form.append(button)
  return form
}

function hiddenInput(name, value) {
  const input = document.createElement('input')
  input.setAttribute('type', 'hidden')
  input.setAttribute('name', name)
  input.setAttribute('value', value)
  return input
}

function element(tag, className, content) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (content !== undefined) node.textContent = content
  return node
}

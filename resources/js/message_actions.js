/**
 * Edits and deletions on the room page (protocol: chat-service/PROTOCOL.md, `edit` and `delete`).
 *
 * - edit and delete entries of the room's log are applied to the message they target,
 *   idempotently, live and on replay, giving the markup the server renders for its new state
 *   (message_list/render.js); a target that is not on the page is ignored;
 * - the message menu's Edit (own messages; Up-arrow in the composer too) opens an inline editor
 *   (Enter saves, Escape cancels and focus goes back to what opened it: the menu's button, or
 *   the composer; an empty or too long text is refused next to the field, saying why) and
 *   Delete asks in the page's dialog (confirm_dialog.js), then both go over the socket instead
 *   of the no-JavaScript edit page and delete form. The server checks who may do what.
 *
 * What an item shows is kept on it: `data-user-id`, `data-edited`, `data-text` (the raw text
 * of own messages, for the editor) and the `deleted` class.
 */
import { confirmInDialog } from './confirm_dialog.js'
import { fillMessage, renderBody, renderEdited } from './message_list/render.js'
import { enhanceMenus } from './message_list/menu_button.js'

/**
 * `root`: the room (#chat), whose message menus this serves; `me`: who is signed in; `maxLength`: the longest text the chat accepts; `text(key, values)`:
 * the page's texts; `render`: the message list's RenderContext; `sendChange(frame, onRefused)`
 * sends an edit or delete frame and returns false when it cannot
 */
export function createMessageActions({ root, me, maxLength, text, render, sendChange }) {
  let editorCount = 0

  root.addEventListener('menu:select', (event) => {
    const item = event.target.closest('.message[data-seq]')
    if (!item) return
    const { action, button } = event.detail
    if (action === 'edit') {
      event.preventDefault()
      openEditor(item)
    } else if (action === 'delete') {
      event.preventDefault()
      remove(item, button)
    }
  })

  /**
   * Shows `message` (a `message` frame) in `item`, in place
   */
  function fill(item, message) {
    fillMessage(item, message, item.classList.contains('group-start'), render)
    decorate(item)
  }

  /**
   * Applies an `edit` or `delete` entry to the item of the message it targets, in place (its
   * avatar, name, time and file stay), as the server would render the message now
   */
  function apply(entry, item) {
    if (!item || item.classList.contains('deleted')) return
    const content = item.querySelector('.message-content')
    if (entry.deleted) {
      item.classList.add('deleted')
      delete item.dataset.text
      delete item.dataset.edited
      content.replaceChildren(element('p', 'text deleted-note', text('message_deleted')))
      item.querySelector('.message-menu')?.remove()
    } else if (entry.kind === 'edit') {
      if (item.dataset.text !== undefined) item.dataset.text = entry.text
      item.dataset.edited = 'true'
      const body = content.querySelector(':scope > .text')
      body.replaceWith(renderBody(entry))
      if (!content.querySelector(':scope > .edited')) {
        content.querySelector(':scope > .text').after(renderEdited(render))
      }
      decorate(item)
    }
  }

  /**
   * Marks the signed-in user's mentions and turns the item's menu into a menu button
   */
  function decorate(item) {
    const selector = `.mention[data-username="${CSS.escape(me.username.toLowerCase())}"]`
    item.querySelectorAll(selector).forEach((mention) => mention.classList.add('is-me'))
    enhanceMenus(item)
  }

  async function remove(item, trigger) {
    const confirmed = await confirmInDialog({
      title: text('delete_title'),
      text: text('delete_text'),
      submit: text('delete_submit'),
      trigger,
    })
    if (confirmed) sendChange({ type: 'delete', target: Number(item.dataset.seq) })
  }

  /* `refused`: an edit the chat refused ({text, reason}), shown again with why */
  function openEditor(item, returnFocus, refused = null) {
    const existing = item.querySelector('.edit-form textarea')
    if (existing) return existing.focus()
    const content = item.querySelector('.message-content')
    const id = `edit-hint-${++editorCount}`
    const form = element('form', 'edit-form')
    const field = element('textarea')
    field.value = refused?.text ?? item.dataset.text ?? ''
    field.rows = 2
    field.setAttribute('aria-label', text('edit_label'))
    field.setAttribute('aria-describedby', id)
    const hint = element('p', 'field-hint', text('edit_hint'))
    hint.id = id
    const error = element('p', 'field-error')
    error.id = `${id}-error`
    error.setAttribute('role', 'alert')
    error.hidden = true
    form.append(field, error, hint)
    for (const shown of content.children) shown.hidden = true
    content.append(form)
    field.focus()

    const close = () => {
      form.remove()
      for (const shown of content.children) shown.hidden = false
      ;(returnFocus ?? item.querySelector('.menu-button'))?.focus()
    }
    /* A refused text says why, next to the field, and the editor stays open */
    const refuse = (message) => {
      error.textContent = message
      error.hidden = false
      field.setAttribute('aria-invalid', 'true')
      field.setAttribute('aria-describedby', `${error.id} ${id}`)
      field.focus()
    }
    field.addEventListener('input', () => {
      error.hidden = true
      field.removeAttribute('aria-invalid')
      field.setAttribute('aria-describedby', id)
    })
    const save = () => {
      const value = field.value.trim()
      if (!value) return refuse(text('edit_empty'))
      if (value.length > maxLength) return refuse(text('too_long', { max: maxLength }))
      if (value === item.dataset.text) return close()
      const reopen = (reason) => {
        if (item.isConnected) openEditor(item, returnFocus, { text: value, reason })
      }
      if (sendChange({ type: 'edit', target: Number(item.dataset.seq), text: value }, reopen)) {
        close()
      }
    }
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      save()
    })
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault()
        save()
      } else if (event.key === 'Escape') {
        event.preventDefault()
        close()
      }
    })
    if (refused) refuse(refused.reason)
  }

  return { fill, apply, decorate, edit: openEditor }
}

function element(tag, className, content) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (content !== undefined) node.textContent = content
  return node
}

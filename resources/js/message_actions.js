/**
 * Edits and deletions on the room page (protocol: chat-service/PROTOCOL.md, `edit` and `delete`).
 *
 * - a message item shows its `html` (sanitized by the server when the message was stored, so it
 *   is the one string inserted as HTML; mentions of the signed-in user get `is-me`), its plain
 *   text when it has none (pending, or stored before rendering existed), an "(edited)" mark, or
 *   the "Message deleted" placeholder;
 * - edit and delete entries of the room's log are applied to the message they target,
 *   idempotently, live and on replay; a target that is not on the page is ignored;
 * - own messages get Edit (inline textarea: Enter saves, Escape cancels and focus goes back to
 *   what opened it, e.g. the composer after Up-arrow; an empty or too long
 *   text is refused next to the field, saying why) and Delete (after confirming in the page's
 *   dialog, confirm_dialog.js); the room owner gets Delete on every message. The server checks
 *   both rules.
 *
 * What an item shows is kept on it: `data-user-id`, `data-edited`, `data-text` (the raw text
 * of own messages, for the editor) and the `deleted` class; the server-rendered items carry the
 * same, and their no-JavaScript delete form is replaced by the buttons.
 */
import { confirmInDialog } from './confirm_dialog.js'

/**
 * `me` and `ownerId`: who is signed in and who owns the room; `maxLength`: the longest text the
 * chat accepts; `text(key, values)`: the page's texts; `sendChange(frame)` sends an edit or
 * delete frame and returns false when it cannot
 */
export function createMessageActions({ me, ownerId, maxLength, text, sendChange }) {
  let editorCount = 0

  /**
   * Shows `message` (a `message` frame, or a pending one without `html`) in `item`
   */
  function fill(item, message) {
    item.dataset.userId = String(message.user.id)
    item.classList.toggle('deleted', Boolean(message.deleted))
    if (message.deleted) {
      showDeleted(item)
      return
    }
    if (message.edited_at) item.dataset.edited = 'true'
    if (message.user.id === me.id) item.dataset.text = message.text
    setBody(item, message.html, message.text)
    decorate(item)
  }

  /**
   * Applies an `edit` or `delete` entry to the item of the message it targets
   */
  function apply(entry, item) {
    if (!item || item.classList.contains('deleted')) return
    if (entry.deleted) {
      item.classList.add('deleted')
      showDeleted(item)
    } else if (entry.kind === 'edit') {
      item.dataset.edited = 'true'
      if (item.dataset.text !== undefined) item.dataset.text = entry.text
      setBody(item, entry.html, entry.text)
      decorate(item)
    }
  }

  /**
   * Rebuilds the item's edited mark and buttons from its data
   */
  function decorate(item) {
    markMentions(item)
    item.querySelector('.message-meta')?.remove()
    if (item.classList.contains('deleted')) return
    const meta = element('div', 'message-meta')
    if (item.dataset.edited) meta.append(element('span', 'edited', text('edited')))
    const mine = Number(item.dataset.userId) === me.id
    if (Number(item.dataset.seq) > 0 && (mine || me.id === ownerId)) {
      const actions = element('span', 'message-actions')
      if (mine && item.dataset.text !== undefined) {
        actions.append(button(text('edit'), () => openEditor(item)))
      }
      actions.append(button(text('delete'), (event) => remove(item, event.currentTarget)))
      meta.append(actions)
    }
    if (meta.childElementCount > 0) item.append(meta)
  }

  function setBody(item, html, raw) {
    const body = element('div', html ? 'text markdown' : 'text')
    if (html) body.innerHTML = html
    else body.textContent = raw
    replaceBody(item, body)
  }

  function markMentions(item) {
    const selector = `.mention[data-username="${CSS.escape(me.username.toLowerCase())}"]`
    item.querySelectorAll(selector).forEach((mention) => mention.classList.add('is-me'))
  }

  function showDeleted(item) {
    delete item.dataset.text
    delete item.dataset.edited
    item.querySelector('.edit-form')?.remove()
    replaceBody(item, element('p', 'text deleted-note', text('message_deleted')))
    decorate(item)
  }

  function replaceBody(item, body) {
    const current = item.querySelector('.text')
    body.hidden = item.querySelector('.edit-form') !== null
    if (current) {
      current.replaceWith(body)
    } else {
      item.querySelector('.author').after(body)
    }
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

  function openEditor(item, returnFocus) {
    const existing = item.querySelector('.edit-form textarea')
    if (existing) return existing.focus()
    const body = item.querySelector('.text')
    const id = `edit-hint-${++editorCount}`
    const form = element('form', 'edit-form')
    const field = element('textarea')
    field.value = item.dataset.text ?? ''
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
    body.hidden = true
    body.after(form)
    field.focus()

    const close = () => {
      form.remove()
      item.querySelector('.text').hidden = false
      const focusTarget = returnFocus ?? item.querySelector('.message-actions button')
      focusTarget?.focus()
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
      if (sendChange({ type: 'edit', target: Number(item.dataset.seq), text: value })) close()
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
  }

  return { fill, apply, decorate, edit: openEditor }
}

function element(tag, className, content) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (content !== undefined) node.textContent = content
  return node
}

function button(label, onClick) {
  const node = element('button', 'link-button', label)
  node.type = 'button'
  node.addEventListener('click', onClick)
  return node
}

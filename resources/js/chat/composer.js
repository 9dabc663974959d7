/**
 * The message box of a live room.
 *
 * - Enter sends, Shift+Enter starts a new line; the box grows with its text (up to a limit
 *   set in CSS, then it scrolls);
 * - near the length limit a counter says what is left; a longer text is refused with the
 *   reason, never cut;
 * - `@` suggests room members (mention_autocomplete.js);
 * - what is left in the box is the room's draft (drafts.ts): switching rooms or reloading gives
 *   it back, and a sent message clears it;
 * - Up-arrow in an empty box edits the writer's last message (Escape there comes back here);
 * - the Enter hint and the counter exist only here: without JavaScript the page says
 *   nothing about them.
 */
import { createMentionAutocomplete } from './mention_autocomplete.js'

/**
 * The counter shows how many characters are left from this many on
 */
const COUNTER_FROM = 200

/**
 * `draft`: the room's draft (drafts.ts); `onSend(text)`: a message to send; `onTyping()`: the writer typed; `onEditLast(box)`: opens
 * the editor of the writer's last message, false when there is none; `mentionCandidates()`:
 * usernames to suggest; `setStatus(text)`: says something in the room's status line
 */
export function createComposer({
  root,
  text,
  draft,
  announce,
  onSend,
  onTyping,
  onEditLast,
  mentionCandidates,
  setStatus,
}) {
  const form = root.querySelector('#send-form')
  const textarea = root.querySelector('#message-text')
  const maxLength = Number(textarea.dataset.maxLength)
  const counter = describe()
  const mentions = createMentionAutocomplete({
    textarea,
    candidates: mentionCandidates,
    announce,
    text,
  })

  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const body = textarea.value.trim()
    if (!body || textarea.disabled) return
    if (body.length > maxLength) {
      setStatus(text('too_long', { max: maxLength }))
      return
    }
    onSend(body)
    textarea.value = ''
    draft.save('')
    refresh()
  })

  textarea.addEventListener('keydown', (event) => {
    if (mentions.handleKey(event)) return
    const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey
    if (event.key === 'Enter' && plain && !event.isComposing) {
      event.preventDefault()
      form.requestSubmit()
    } else if (event.key === 'ArrowUp' && plain && textarea.value === '') {
      if (onEditLast(textarea)) event.preventDefault()
    }
  })

  textarea.addEventListener('input', () => {
    draft.save(textarea.value)
    refresh()
    onTyping()
  })

  const saved = draft.read()
  if (textarea.value === '' && saved !== '') {
    textarea.value = saved
    refresh()
  }

  /**
   * What only works with JavaScript goes under the box: the Enter hint and the counter
   */
  function describe() {
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

  function refresh() {
    const left = maxLength - textarea.value.trim().length
    counter.hidden = left > COUNTER_FROM
    counter.textContent =
      left >= 0 ? text('chars_left', { count: left }) : text('chars_over', { count: -left })
    counter.classList.toggle('field-error', left < 0)
    counter.classList.toggle('field-hint', left >= 0)
    textarea.setAttribute('aria-invalid', String(left < 0))
    grow()
  }

  /** Fits the box's height to its text (CSS max-height caps it) */
  function grow() {
    textarea.style.height = 'auto'
    const borders = textarea.offsetHeight - textarea.clientHeight
    textarea.style.height = `${textarea.scrollHeight + borders}px`
  }

  return {
    /** The longest text the chat accepts */
    maxLength,

    /** No more sending (the room was deleted, or the writer lost access) */
    disable() {
      form.querySelectorAll('textarea, button').forEach((element) => (element.disabled = true))
    },
  }
}

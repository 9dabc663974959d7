/**
 * `@` autocomplete in the composer, after the ARIA combobox pattern with a listbox popup: the
 * textarea keeps focus and its textbox role (a textarea may have no other), points at the
 * list with `aria-controls` and at the highlighted option with `aria-activedescendant`
 * (`aria-autocomplete="list"`). Down/Up move through the suggestions, Enter or Tab insert
 * one, Escape closes the list; a click inserts too. How many suggestions there are is
 * announced politely.
 */
import { completeMention, mentionAt, suggestMentions } from './mention_query.ts'

let listboxCount = 0

/**
 * `candidates()`: the usernames that may be mentioned; `announce(text)`: a polite
 * announcement; `text`: the page's texts
 */
export function createMentionAutocomplete({ textarea, candidates, announce, text }) {
  const id = `mention-listbox-${++listboxCount}`
  const listbox = document.createElement('ul')
  listbox.id = id
  listbox.className = 'mention-listbox'
  listbox.setAttribute('role', 'listbox')
  listbox.setAttribute('aria-label', text('mention_list'))
  listbox.hidden = true
  textarea.after(listbox)
  textarea.setAttribute('aria-autocomplete', 'list')
  textarea.setAttribute('aria-controls', id)

  let mention = null
  let options = []
  let active = -1

  function close() {
    mention = null
    options = []
    active = -1
    listbox.hidden = true
    listbox.replaceChildren()
    textarea.removeAttribute('aria-activedescendant')
  }

  function highlight(index) {
    active = index
    options.forEach((option, position) => {
      option.setAttribute('aria-selected', String(position === index))
    })
    textarea.setAttribute('aria-activedescendant', options[index].id)
    options[index].scrollIntoView({ block: 'nearest' })
  }

  function choose(index) {
    const done = completeMention(
      textarea.value,
      mention.start,
      textarea.selectionStart,
      options[index].dataset.username
    )
    textarea.value = done.text
    textarea.setSelectionRange(done.caret, done.caret)
    close()
    textarea.dispatchEvent(new Event('input', { bubbles: true }))
  }

  function update() {
    const found =
      textarea.selectionStart === textarea.selectionEnd &&
      mentionAt(textarea.value, textarea.selectionStart)
    const names = found ? suggestMentions(candidates(), found.query) : []
    if (names.length === 0) return close()
    const changed = names.join() !== options.map((option) => option.dataset.username).join()
    mention = found
    if (!changed) return
    options = names.map((name, index) => {
      const option = document.createElement('li')
      option.id = `${id}-${index}`
      option.setAttribute('role', 'option')
      option.dataset.username = name
      option.textContent = `@${name}`
      option.addEventListener('mousedown', (event) => event.preventDefault())
      option.addEventListener('click', () => choose(index))
      return option
    })
    listbox.replaceChildren(...options)
    listbox.hidden = false
    highlight(0)
    announce(text('mention_count', { count: names.length }))
  }

  textarea.addEventListener('input', update)
  textarea.addEventListener('click', update)
  textarea.addEventListener('blur', close)

  return {
    /** Handles a key of the textarea while suggestions are shown; true when it used it */
    handleKey(event) {
      if (listbox.hidden || event.isComposing) return false
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        const step = event.key === 'ArrowDown' ? 1 : -1
        highlight((active + step + options.length) % options.length)
      } else if (event.key === 'Enter' || event.key === 'Tab') {
        if (event.shiftKey) return false
        choose(active)
      } else if (event.key === 'Escape') {
        close()
      } else {
        return false
      }
      event.preventDefault()
      return true
    },
  }
}

/**
 * Applies react, unreact, pin and unpin entries of the log (live or replayed) to the row of
 * the message they target, in place and idempotently, as the server would render the message
 * now (loaded by reaction_actions.js with the first such entry).
 */
import { applyReaction } from './reaction_summary.ts'
import { readReactions, renderReactions } from './reaction_view.js'
import { renderPinItem, renderPinnedMark } from './message_extras.js'

/**
 * Applies `entry` to `item`, the row of the message it targets (ignored when that message is
 * not shown or deleted); `render`: the message list's RenderContext
 */
export function applyEntry(entry, item, render) {
  if (!item || item.classList.contains('deleted')) return
  if (entry.kind === 'react' || entry.kind === 'unreact') {
    const summaries = applyReaction(
      readReactions(item),
      entry.text,
      entry.user,
      entry.kind === 'react'
    )
    showReactions(item, summaries, render)
  } else if (entry.kind === 'pin' || entry.kind === 'unpin') {
    showPinned(item, entry.kind === 'pin', render)
  }
}

function showReactions(item, summaries, render) {
  const shown = item.querySelector('.message-content > .reactions')
  const focused = shown?.contains(document.activeElement) && document.activeElement
  const next = renderReactions(Number(item.dataset.seq), summaries, render)
  if (shown && next) shown.replaceWith(next)
  else if (shown) shown.remove()
  else if (next) item.querySelector('.message-content').append(next)
  if (!focused) return
  /* Focus stays on the chip (or "+") that had it, as a screen reader user pressed it */
  const again = focused.classList.contains('reaction')
    ? [...(next?.querySelectorAll('.reaction') ?? [])].find((chip) => chip.value === focused.value)
    : next?.querySelector('.reaction-add')
  ;(again ?? next?.querySelector('.reaction-add') ?? item.querySelector('.menu-button'))?.focus()
}

function showPinned(item, pinned, render) {
  const content = item.querySelector('.message-content')
  const mark = content.querySelector(':scope > .pinned-mark')
  if (pinned && !mark) {
    const reactions = content.querySelector(':scope > .reactions')
    content.insertBefore(renderPinnedMark(render), reactions)
  } else if (!pinned && mark) {
    mark.remove()
  }
  const current = item.querySelector(
    '.message-menu [data-action=pin], .message-menu [data-action=unpin]'
  )
  if (!current) return
  const form = renderPinItem(Number(item.dataset.seq), pinned, render)
  const menuItem = form.querySelector('.menu-item')
  if (current.getAttribute('role') === 'menuitem') {
    form.setAttribute('role', 'none')
    menuItem.setAttribute('role', 'menuitem')
    menuItem.tabIndex = -1
  }
  current.closest('form').replaceWith(form)
}

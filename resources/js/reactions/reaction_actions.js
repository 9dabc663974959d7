/**
 * Reactions and pins on the room page (protocol: chat-service/PROTOCOL.md, `react`/`unreact`,
 * `pin`/`unpin`).
 *
 * - a chip toggles the reader's reaction, the message menu's "React" and the chips' "+" open
 *   the emoji picker (emoji_picker.js, loaded when first opened), "Pin"/"Unpin" pin: all over
 *   the socket instead of the no-JavaScript forms and page (which stay the fallback while the
 *   socket is not ready);
 * - react, unreact, pin and unpin entries of the log, live or replayed, are applied to the row
 *   of the message they target, in place and idempotently, as the server would render it now.
 *   The server checks who may do what.
 */
import { applyReaction } from './reaction_summary.ts'
import { readReactions, renderReactions } from './reaction_view.js'
import { renderPinItem, renderPinnedMark } from './message_extras.js'

/**
 * `root`: the room (#chat); `render`: the message list's RenderContext; `sendChange(frame)`
 * sends a frame about a message, false when it cannot
 */
export function createReactionActions({ root, render, sendChange }) {
  root.addEventListener('submit', (event) => {
    const chip = event.submitter?.closest('.reactions .reaction')
    const item = chip?.closest('.message[data-seq]')
    if (!chip || !item) return
    const type = chip.getAttribute('aria-pressed') === 'true' ? 'unreact' : 'react'
    if (send(type, item, chip.value)) event.preventDefault()
  })

  root.addEventListener('click', (event) => {
    const add = event.target instanceof Element && event.target.closest('.reaction-add')
    const item = add && add.closest('.message[data-seq]')
    if (!item) return
    event.preventDefault()
    pick(item, add)
  })

  root.addEventListener('menu:select', (event) => {
    const item = event.target.closest('.message[data-seq]')
    const { action, button } = event.detail
    if (!item) return
    if (action === 'react') {
      event.preventDefault()
      pick(item, button)
    } else if ((action === 'pin' || action === 'unpin') && send(action, item)) {
      event.preventDefault()
    }
  })

  function send(type, item, emoji) {
    const frame = { type, target: Number(item.dataset.seq) }
    return sendChange(emoji ? { ...frame, emoji } : frame)
  }

  /** Opens the picker for `item`; the chosen emoji toggles the reader's reaction */
  async function pick(item, trigger) {
    const { openEmojiPicker } = await import('./emoji_picker.js')
    openEmojiPicker({
      trigger,
      onChoose(emoji) {
        const mine = readReactions(item).some(
          (summary) =>
            summary.emoji === emoji && summary.users.some((user) => user.id === render.me.id)
        )
        send(mine ? 'unreact' : 'react', item, emoji)
      },
    })
  }

  /**
   * Applies a react, unreact, pin or unpin entry to `item`, the row of the message it targets
   * (ignored when that message is not shown or deleted)
   */
  function apply(entry, item) {
    if (!item || item.classList.contains('deleted')) return
    if (entry.kind === 'react' || entry.kind === 'unreact') {
      const summaries = applyReaction(
        readReactions(item),
        entry.text,
        entry.user,
        entry.kind === 'react'
      )
      showReactions(item, summaries)
    } else if (entry.kind === 'pin' || entry.kind === 'unpin') {
      showPinned(item, entry.kind === 'pin')
    }
  }

  function showReactions(item, summaries) {
    const shown = item.querySelector('.message-content > .reactions')
    const focused = shown?.contains(document.activeElement) && document.activeElement
    const next = renderReactions(Number(item.dataset.seq), summaries, render)
    if (shown && next) shown.replaceWith(next)
    else if (shown) shown.remove()
    else if (next) item.querySelector('.message-content').append(next)
    if (!focused) return
    /* Focus stays on the chip (or "+") that had it, as a screen reader user pressed it */
    const again = focused.classList.contains('reaction')
      ? [...(next?.querySelectorAll('.reaction') ?? [])].find(
          (chip) => chip.value === focused.value
        )
      : next?.querySelector('.reaction-add')
    ;(again ?? next?.querySelector('.reaction-add') ?? item.querySelector('.menu-button'))?.focus()
  }

  function showPinned(item, pinned) {
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

  return { apply }
}

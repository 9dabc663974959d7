/**
 * Reactions and pins on the room page (protocol: chat-service/PROTOCOL.md, `react`/`unreact`,
 * `pin`/`unpin`).
 *
 * - a chip toggles the reader's reaction, the message menu's "React" and the chips' "+" open
 *   the emoji picker (emoji_picker.js, loaded when first opened), "Pin"/"Unpin" pin: all over
 *   the socket instead of the no-JavaScript forms and page (which stay the fallback while the
 *   socket is not ready);
 * - react, unreact, pin and unpin entries of the log, live or replayed, are applied to the row
 *   of the message they target (reaction_entries.js, loaded with the first one).
 *   The server checks who may do what.
 */
import { readReactions } from './reaction_view.js'

/**
 * `root`: the room (#chat); `render`: the message list's RenderContext; `sendChange(frame)`
 * sends a frame about a message, false when it cannot
 */
export function createReactionActions({ root, render, sendChange }) {
  /** reaction_entries.js once the first entry asked for it */
  let entries = null

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
   * (reaction_entries.js, loaded with the first one; entries keep their order)
   */
  function apply(entry, item) {
    if (!['react', 'unreact', 'pin', 'unpin'].includes(entry.kind)) return
    entries ??= import('./reaction_entries.js')
    entries = entries.then((module) => {
      module.applyEntry(entry, item, render)
      return module
    })
  }

  return { apply }
}

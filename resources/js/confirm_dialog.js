/**
 * Confirmation in a modal dialog (partials/confirm_dialog.edge).
 *
 * - A link with `data-confirm-action` opens #confirm-dialog instead of its
 *   confirmation page. The dialog takes its title, text and submit label from
 *   the link's `data-confirm-title`, `-text` and `-submit`, and posts its form
 *   (CSRF field included) to `data-confirm-action`. Modifier clicks still open
 *   the page (e.g. in a new tab).
 * - Scripts ask through `confirmInDialog` (e.g. deleting a message, which
 *   goes over the chat socket): the form is not posted, the promise says
 *   whether the user confirmed.
 *
 * Focus starts on Cancel; Cancel or Escape close it and focus returns to the
 * element that opened it.
 */
const dialog = document.getElementById('confirm-dialog')
let opener = null
let answer = null

if (dialog) {
  const form = dialog.querySelector('form')

  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-confirm-action]')
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
    event.preventDefault()
    const { confirmTitle: title, confirmText: text, confirmSubmit: submit } = link.dataset
    open({ title, text, submit, trigger: link, action: link.dataset.confirmAction })
  })

  form.addEventListener('submit', (event) => {
    if (!answer) return
    event.preventDefault()
    settle(true)
    dialog.close()
  })
  dialog.querySelector('[data-dialog-cancel]').addEventListener('click', () => dialog.close())
  dialog.addEventListener('close', () => {
    settle(false)
    // The event comes a task after the dialog closed: keys pressed since then moved on
    if (focusIsLost()) returnTarget(opener)?.focus()
  })
}

/**
 * Asks in the dialog (`title`, `text`, `submit` label); resolves true when
 * the user confirms, false when they cancel. Focus then returns to `trigger`.
 * The page must include the dialog.
 */
export function confirmInDialog({ title, text, submit, trigger }) {
  return new Promise((resolve) => open({ title, text, submit, trigger, resolve }))
}

function open({ title, text, submit, trigger, action = '', resolve = null }) {
  settle(false)
  opener = trigger
  // The browser gives focus back, as the dialog closes, to what had it when it opened
  returnTarget(trigger)?.focus()
  answer = resolve
  document.getElementById('confirm-dialog-title').textContent = title
  document.getElementById('confirm-dialog-text').textContent = text
  document.getElementById('confirm-dialog-submit').textContent = submit
  dialog.querySelector('form').action = action
  dialog.showModal()
  dialog.querySelector('[data-dialog-cancel]').focus()
}

function settle(confirmed) {
  const resolve = answer
  answer = null
  resolve?.(confirmed)
}

/**
 * Whether nothing has focus (the browser gives it back as the dialog closes,
 * unless what had it is gone) or the closed dialog still has it
 */
function focusIsLost() {
  const active = document.activeElement
  return !active || active === document.body || dialog.contains(active)
}

/**
 * Where focus goes when the dialog closes: an item of a menu (menu_button.js)
 * is hidden by then, so its menu's button; otherwise the trigger itself.
 */
function returnTarget(trigger) {
  return trigger?.closest('.menu')?.querySelector(':scope > .menu-button') ?? trigger
}

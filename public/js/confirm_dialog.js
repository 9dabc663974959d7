/**
 * Confirmation in a modal dialog (partials/confirm_dialog.edge): a link with
 * `data-confirm-action` opens #confirm-dialog instead of its confirmation
 * page. The dialog takes its title, text and submit label from the link's
 * `data-confirm-title`, `-text` and `-submit`, and posts its form (CSRF field
 * included) to `data-confirm-action`. Focus starts on Cancel; Cancel or
 * Escape close it and focus returns to the link. Modifier clicks still open
 * the page (e.g. in a new tab).
 */
const dialog = document.getElementById('confirm-dialog')

if (dialog) {
  const form = dialog.querySelector('form')
  const cancel = dialog.querySelector('[data-dialog-cancel]')
  let opener = null

  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-confirm-action]')
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
    event.preventDefault()
    opener = link
    document.getElementById('confirm-dialog-title').textContent = link.dataset.confirmTitle
    document.getElementById('confirm-dialog-text').textContent = link.dataset.confirmText
    document.getElementById('confirm-dialog-submit').textContent = link.dataset.confirmSubmit
    form.action = link.dataset.confirmAction
    dialog.showModal()
    cancel.focus()
  })

  cancel.addEventListener('click', () => dialog.close())
  dialog.addEventListener('close', () => opener?.focus())
}

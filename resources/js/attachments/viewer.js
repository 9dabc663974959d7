/**
 * The picture viewer (partials/attachment_viewer.edge): a thumbnail link
 * (`data-attachment-viewer`) opens the picture at full size in a modal
 * dialog with its name, a download link and Close. Focus starts on Close;
 * Close or Escape shut it and focus returns to the thumbnail. Modifier
 * clicks still open the picture itself (e.g. in a new tab).
 */
export function startViewer(dialog) {
  const title = dialog.querySelector('#attachment-viewer-title')
  const image = dialog.querySelector('#attachment-viewer-image')
  const download = dialog.querySelector('#attachment-viewer-download')
  const close = dialog.querySelector('[data-viewer-close]')
  let opener = null

  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-attachment-viewer]')
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
    event.preventDefault()
    opener = link
    title.textContent = link.dataset.name
    image.alt = link.querySelector('img')?.alt ?? ''
    image.src = link.href
    download.href = link.href
    download.download = link.dataset.name
    dialog.showModal()
    close.focus()
  })
  close.addEventListener('click', () => dialog.close())
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close()
  })
  dialog.addEventListener('close', () => {
    image.removeAttribute('src')
    opener?.focus()
    opener = null
  })
}

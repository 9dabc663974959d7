/**
 * The picture viewer (partials/attachment_viewer.edge): shows the picture of
 * a thumbnail link at full size in the modal dialog with its name, a
 * download link and Close. Focus starts on Close; Close, Escape or a click
 * beside the picture shut it and focus returns to the thumbnail.
 */
const dialog = document.getElementById('attachment-viewer')
const title = dialog.querySelector('#attachment-viewer-title')
const image = dialog.querySelector('#attachment-viewer-image')
const download = dialog.querySelector('#attachment-viewer-download')
const close = dialog.querySelector('[data-viewer-close]')
let opener = null

close.addEventListener('click', () => dialog.close())
dialog.addEventListener('click', (event) => {
  if (event.target === dialog) dialog.close()
})
dialog.addEventListener('close', () => {
  image.removeAttribute('src')
  opener?.focus()
  opener = null
})

/**
 * Opens the viewer on the picture `link` points at
 */
export function openViewer(link) {
  opener = link
  title.textContent = link.dataset.name
  image.alt = link.querySelector('img')?.alt ?? ''
  image.src = link.href
  download.href = link.href
  download.download = link.dataset.name
  dialog.showModal()
  close.focus()
}

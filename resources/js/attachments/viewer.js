/**
 * The picture viewer (partials/attachment_viewer.edge): shows the picture of
 * a thumbnail link at full size in the modal dialog with its name, a
 * download link and Close. Focus starts on Close; Close, Escape or a click
 * beside the picture shut it and focus returns to the thumbnail.
 */
let parts = null
let opener = null

function viewerParts() {
  if (parts) return parts
  const dialog = document.getElementById('attachment-viewer')
  parts = {
    dialog,
    title: dialog.querySelector('#attachment-viewer-title'),
    image: dialog.querySelector('#attachment-viewer-image'),
    download: dialog.querySelector('#attachment-viewer-download'),
    close: dialog.querySelector('[data-viewer-close]'),
  }
  parts.close.addEventListener('click', () => dialog.close())
  dialog.addEventListener('click', (event) => {
    if (event.target === dialog) dialog.close()
  })
  dialog.addEventListener('close', () => {
    parts.image.removeAttribute('src')
    opener?.focus()
    opener = null
  })
  return parts
}

/**
 * Opens the viewer on the picture `link` points at
 */
export function openViewer(link) {
  const { dialog, title, image, download, close } = viewerParts()
  opener = link
  title.textContent = link.dataset.name
  image.alt = link.querySelector('img')?.alt ?? ''
  image.src = link.href
  download.href = link.href
  download.download = link.dataset.name
  dialog.showModal()
  close.focus()
}

/**
 * The file of a live message, built like partials/attachment.edge: a
 * picture as its thumbnail linking to the viewer, any other file as a
 * download link with its size. Texts and URLs come from the viewer dialog's
 * data attributes (partials/attachment_viewer.edge); names are inserted as
 * text, never as HTML.
 */
import { formatFileSize } from './file_size.ts'

const viewer = document.getElementById('attachment-viewer')

/**
 * The text `template` with its `{placeholders}` filled in
 */
function fill(template, values) {
  return (template ?? '').replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''))
}

/**
 * The element showing `attachment` (a message frame's `attachment` field,
 * chat-service/PROTOCOL.md), or null without one or without the viewer
 */
export function renderAttachment(attachment, locale) {
  if (!attachment || !viewer) return null
  const texts = viewer.dataset
  const url = (template) => template.replace('ID', String(attachment.id))
  const size = formatFileSize(attachment.size, locale)
  const box = document.createElement('div')
  box.className = 'attachment'
  const link = document.createElement('a')
  link.href = url(texts.fileUrl)
  if (attachment.thumbnail) {
    link.className = 'attachment-image'
    link.dataset.attachmentViewer = ''
    link.dataset.name = attachment.name
    link.dataset.size = size
    link.setAttribute('aria-label', fill(texts.openImage, { name: attachment.name }))
    const image = document.createElement('img')
    image.src = url(texts.thumbnailUrl)
    image.alt = fill(texts.imageAlt, { name: attachment.name })
    const scale = Math.min(1, 400 / Math.max(attachment.width ?? 400, attachment.height ?? 400))
    image.width = Math.round((attachment.width ?? 400) * scale)
    image.height = Math.round((attachment.height ?? 400) * scale)
    image.loading = 'lazy'
    link.append(image)
  } else {
    link.className = 'attachment-file'
    link.download = attachment.name
    link.setAttribute('aria-label', fill(texts.download, { name: attachment.name, size }))
    const name = document.createElement('span')
    name.className = 'attachment-name'
    name.textContent = attachment.name
    const sizeText = document.createElement('span')
    sizeText.className = 'attachment-size'
    sizeText.textContent = size
    link.append(name, ' ', sizeText)
  }
  box.append(link)
  return box
}

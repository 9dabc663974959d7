/**
 * Files in a room (imported by room.js): a thumbnail opens the picture
 * viewer; the composer's file input (also made multiple), files dropped onto
 * the messages and files pasted into the text are sent with their progress.
 * Without JavaScript the file input and the links still work.
 */
import { openViewer } from './attachments/viewer.js'
import { createUploader } from './attachments/uploads.js'

const viewer = document.getElementById('attachment-viewer')
const form = document.getElementById('send-form')
const input = document.getElementById('message-file')
const list = document.getElementById('upload-list')
const dropZone = form?.closest('.chat-main') ?? form

if (viewer) {
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-attachment-viewer]')
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return
    event.preventDefault()
    openViewer(link)
  })
}

if (form && input && list) {
  const send = createUploader({ form, input, list })
  input.multiple = true
  input.addEventListener('change', () => {
    send([...input.files])
    input.value = ''
  })
  document.getElementById('message-text')?.addEventListener('paste', (event) => {
    const files = [...(event.clipboardData?.files ?? [])]
    if (files.length === 0) return
    event.preventDefault()
    send(files)
  })
  dropZone.addEventListener('dragover', (event) => {
    if (!event.dataTransfer?.types.includes('Files')) return
    event.preventDefault()
    dropZone.classList.add('dropping')
  })
  dropZone.addEventListener('dragleave', (event) => {
    if (!dropZone.contains(event.relatedTarget)) dropZone.classList.remove('dropping')
  })
  dropZone.addEventListener('drop', (event) => {
    if (!event.dataTransfer?.files.length) return
    event.preventDefault()
    dropZone.classList.remove('dropping')
    send([...event.dataTransfer.files])
  })
}

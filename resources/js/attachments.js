/**
 * Files in a room: the picture viewer, and sending files from the composer
 * (button, drag-and-drop, paste, with progress). Without JavaScript the
 * composer's plain file input and the links still work.
 */
import { startViewer } from './attachments/viewer.js'
import { startUploads } from './attachments/uploads.js'

const viewer = document.getElementById('attachment-viewer')
if (viewer) startViewer(viewer)

const form = document.getElementById('send-form')
const input = document.getElementById('message-file')
const list = document.getElementById('upload-list')
if (form && input && list) {
  startUploads({
    form,
    input,
    list,
    dropZone: form.closest('.chat-main') ?? form,
    textarea: document.getElementById('message-text'),
  })
}

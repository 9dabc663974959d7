/**
 * Sending files from the composer (partials/composer_file.edge). Each file is posted to
 * the composer form's action (multipart, with the CSRF header and a fresh
 * client_id, so a retry is stored once) and listed with its progress; the
 * message itself arrives over the chat socket like any other. Too large a
 * file is refused before sending; a refusal from the server (413, 422)
 * shows its message in the page's language.
 */
export function createUploader({ form, input, list }) {
  const texts = list.dataset
  const errors = JSON.parse(texts.errors || '{}')
  const maxFileSize = Number(input.dataset.maxFileSize)
  const csrfToken = form.querySelector('input[name="_csrf"]')?.value ?? ''
  const queue = []
  let sending = false

  const fill = (template, values) =>
    (template ?? '').replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''))

  /** Sends `files` one after another, in order */
  function enqueue(files) {
    if (files.length === 0) return
    for (const file of files) {
      const row = addRow(file)
      if (file.size > maxFileSize) {
        fail(row, file, errors.E_UPLOAD_TOO_LARGE)
      } else {
        queue.push({ file, row })
      }
    }
    void drain()
  }

  /* One upload at a time: messages keep the order the files were given in */
  async function drain() {
    if (sending) return
    sending = true
    while (queue.length > 0) {
      const { file, row } = queue.shift()
      await send(file, row)
    }
    sending = false
  }

  function addRow(file) {
    const row = document.createElement('li')
    row.className = 'upload'
    const label = document.createElement('span')
    label.className = 'upload-label'
    label.textContent = fill(texts.uploading, { name: file.name })
    const progress = document.createElement('progress')
    progress.max = 100
    progress.value = 0
    progress.setAttribute('aria-label', fill(texts.progressLabel, { name: file.name }))
    row.append(label, progress)
    list.append(row)
    return row
  }

  function send(file, row) {
    return new Promise((resolve) => {
      const body = new FormData()
      body.append('client_id', `file-${crypto.randomUUID()}`)
      body.append('file', file, file.name)
      const request = new XMLHttpRequest()
      request.open('POST', form.action)
      request.setRequestHeader('Accept', 'application/json')
      request.setRequestHeader('X-CSRF-TOKEN', csrfToken)
      request.upload.addEventListener('progress', (event) => {
        if (event.lengthComputable) {
          row.querySelector('progress').value = Math.round((event.loaded / event.total) * 100)
        }
      })
      request.addEventListener('load', () => {
        if (request.status === 201) {
          row.querySelector('.upload-label').textContent = fill(texts.uploaded, { name: file.name })
          row.querySelector('progress').value = 100
          setTimeout(() => row.remove(), 4000)
        } else {
          fail(row, file, errorMessage(request))
        }
        resolve()
      })
      request.addEventListener('error', () => {
        fail(row, file, texts.networkError)
        resolve()
      })
      request.send(body)
    })
  }

  /* The refusal in the page's language when it is an upload's, else the server's words */
  function errorMessage(request) {
    try {
      const [error] = JSON.parse(request.responseText).errors
      return errors[error.code] ?? error.message
    } catch {
      return `HTTP ${request.status}`
    }
  }

  function fail(row, file, reason) {
    row.classList.add('failed')
    row.querySelector('progress')?.remove()
    row.querySelector('.upload-label').textContent = fill(texts.failed, { name: file.name, reason })
    row.setAttribute('role', 'alert')
  }
  return enqueue
}

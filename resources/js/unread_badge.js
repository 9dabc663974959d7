/**
 * Shows a count in the tab: "(3) " before the page title and a badge on
 * the favicon (drawn on a canvas over /favicon.svg); nothing at 0. The
 * title keeps its prefix when the page changes it (room switching). The
 * link's `data-unread` names the count once its badge is drawn.
 */
const FAVICON = '/favicon.svg'
const PREFIX = /^\(\d+\+?\) /

let shown = 0
let baseIcon = null

/**
 * Shows `count` in the title and favicon
 */
export function showUnreadCount(count) {
  shown = count
  applyTitle()
  drawFavicon(count)
}

function label(count) {
  return count > 99 ? '99+' : String(count)
}

function applyTitle() {
  const plain = document.title.replace(PREFIX, '')
  const wanted = shown > 0 ? `(${label(shown)}) ${plain}` : plain
  if (document.title !== wanted) document.title = wanted
}

const titleElement = document.querySelector('title')
if (titleElement) {
  new MutationObserver(applyTitle).observe(titleElement, { childList: true, characterData: true })
}

function iconLink() {
  return document.querySelector('link[rel="icon"]')
}

async function drawFavicon(count) {
  const link = iconLink()
  if (!link) return
  if (count === 0) {
    link.type = 'image/svg+xml'
    link.href = FAVICON
    link.dataset.unread = '0'
    return
  }
  baseIcon ??= await loadImage(FAVICON).catch(() => null)
  if (shown !== count || !baseIcon) return
  const size = 64
  const canvas = document.createElement('canvas')
  canvas.width = size
  canvas.height = size
  const context = canvas.getContext('2d')
  context.drawImage(baseIcon, 0, 0, size, size)
  const text = count > 9 ? '9+' : String(count)
  context.fillStyle = '#d32f2f'
  context.beginPath()
  context.arc(size - 18, 18, 18, 0, 2 * Math.PI)
  context.fill()
  context.fillStyle = '#ffffff'
  context.font = `bold ${text.length > 1 ? 20 : 26}px sans-serif`
  context.textAlign = 'center'
  context.textBaseline = 'middle'
  context.fillText(text, size - 18, 19)
  link.type = 'image/png'
  link.href = canvas.toDataURL('image/png')
  link.dataset.unread = String(count)
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const image = new Image(64, 64)
    image.onload = () => resolve(image)
    image.onerror = reject
    image.src = url
  })
}

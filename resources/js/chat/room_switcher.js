/**
 * Switching rooms without reloading the page: a click on a link to another room
 * (`/rooms/<id>`, same origin, no query, plain left click) fetches that room's region of its
 * page (the room, #chat, and the title: `X-Page-Region: chat`, so the server draws no sidebar
 * or header) and puts it in place of the current one; the address, the title and the history
 * follow (Back and Forward switch too), links to the shown room get `aria-current="page"`,
 * and focus goes to the room's name. Anything unexpected (an error page, a sign-in page, an
 * older page of a room) is left to a plain page load. Without JavaScript the same links are
 * plain pages.
 *
 * `leave()` ends the current room; `enter(root)` starts the new one. Afterwards
 * `chat:room-switched` ({roomId, url}) is dispatched on document, e.g. for the sidebar.
 */
const ROOM_PATH = /^\/rooms\/(\d+)$/

/**
 * Elements kept across switches (the same in every room page, scripts hold them): the
 * confirmation dialog and the picture viewer
 */
const KEPT_IDS = ['confirm-dialog', 'attachment-viewer']

export function createRoomSwitcher({ leave, enter }) {
  let switching = null

  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href]')
    if (!link || event.defaultPrevented || event.button !== 0) return
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return
    if (link.target || link.hasAttribute('download')) return
    const url = new URL(link.href)
    if (!isRoomUrl(url) || !document.getElementById('chat')) return
    event.preventDefault()
    if (url.pathname !== window.location.pathname || window.location.search) switchTo(url, true)
  })

  let shown = addressOf(window.location)
  window.addEventListener('popstate', () => {
    const url = new URL(window.location.href)
    if (addressOf(url) === shown) return
    if (isRoomUrl(url) && document.getElementById('chat')) switchTo(url, false)
    else window.location.reload()
  })

  async function switchTo(url, push) {
    const attempt = (switching = {})
    const loadPage = () => (push ? window.location.assign(url) : window.location.reload())
    let page
    try {
      const response = await fetch(url, {
        credentials: 'same-origin',
        // Only the room and the title: the page's sidebar and header stay as they are here
        headers: { 'accept': 'text/html', 'x-page-region': 'chat' },
      })
      if (!response.ok || response.redirected) throw new Error(`room page ${response.status}`)
      page = new DOMParser().parseFromString(await response.text(), 'text/html')
    } catch {
      loadPage()
      return
    }
    if (attempt !== switching) return
    const incoming = page.getElementById('chat')
    const current = document.getElementById('chat')
    if (!incoming || incoming.dataset.live !== 'true' || !current) {
      loadPage()
      return
    }
    leave()
    for (const id of KEPT_IDS) {
      const kept = document.getElementById(id)
      if (kept) incoming.querySelector(`#${id}`)?.replaceWith(kept)
    }
    const room = document.adoptNode(incoming)
    current.replaceWith(room)
    document.title = page.title
    if (push) history.pushState(null, '', url)
    shown = addressOf(url)
    markCurrentLinks(url)
    enter(room)
    const heading = room.querySelector('h1')
    if (heading) {
      heading.tabIndex = -1
      heading.focus({ preventScroll: true })
    }
    const detail = { roomId: Number(room.dataset.roomId), url: url.href }
    document.dispatchEvent(new CustomEvent('chat:room-switched', { detail }))
  }
}

/** A page's address without its fragment */
function addressOf(location) {
  return location.pathname + location.search
}

function isRoomUrl(url) {
  return url.origin === window.location.origin && ROOM_PATH.test(url.pathname) && !url.search
}

/**
 * Links to the shown room say so (`aria-current="page"`); others no longer do
 */
function markCurrentLinks(url) {
  for (const link of document.querySelectorAll('a[aria-current="page"]')) {
    link.removeAttribute('aria-current')
  }
  for (const link of document.querySelectorAll('a[href]')) {
    const target = new URL(link.href)
    if (isRoomUrl(target) && target.pathname === url.pathname && !link.closest('#chat')) {
      link.setAttribute('aria-current', 'page')
    }
  }
}

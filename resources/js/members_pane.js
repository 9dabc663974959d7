/**
 * The room page's members pane: the header's member count becomes a button that shows or hides
 * it (aria-expanded). On wide screens the pane is open by default and hiding it is remembered;
 * on narrow ones it opens over the messages, takes focus, and Escape or a click elsewhere
 * closes it (focus back on the button). Without JavaScript the count links to the pane, which
 * the stylesheet shows while it is the page's target.
 */
const STORAGE_KEY = 'roomchat:members-pane'

/**
 * Starts the pane of room `room` (#chat); returns a function that stops it
 */
export function startMembersPane(room) {
  const link = room.querySelector('.room-members-count')
  const aside = room.querySelector('#room-aside')
  if (!link || !aside) return () => {}
  const wide = window.matchMedia('(min-width: 64rem)')
  const button = document.createElement('button')
  button.type = 'button'
  button.className = link.className
  button.append(...link.childNodes)
  button.setAttribute('aria-controls', aside.id)
  link.replaceWith(button)
  if (localStorage.getItem(STORAGE_KEY) === 'hidden') room.classList.add('members-hidden')

  const isShown = () => getComputedStyle(aside).display !== 'none'
  const sync = () => button.setAttribute('aria-expanded', String(isShown()))
  const show = (shown) => {
    if (wide.matches) {
      room.classList.toggle('members-hidden', !shown)
      localStorage.setItem(STORAGE_KEY, shown ? 'shown' : 'hidden')
    } else {
      room.classList.toggle('members-shown', shown)
      if (shown) aside.querySelector('[tabindex="-1"]')?.focus()
    }
    sync()
  }
  const closeOutside = (event) => {
    if (wide.matches || !isShown()) return
    if (!aside.contains(event.target) && !button.contains(event.target)) show(false)
  }

  button.addEventListener('click', () => show(!isShown()))
  aside.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !wide.matches && isShown()) {
      show(false)
      button.focus()
    }
  })
  wide.addEventListener('change', sync)
  document.addEventListener('click', closeOutside)
  sync()
  return () => {
    wide.removeEventListener('change', sync)
    document.removeEventListener('click', closeOutside)
  }
}

/**
 * The sidebar as a drawer on narrow screens. Without JavaScript the header's link jumps to the
 * sidebar (#sidebar, shown by :target). With it, the link becomes a button (aria-expanded,
 * aria-controls) that opens the drawer and moves focus into it; Escape and the close link
 * close it and put focus back on the button; a click outside, focus moving out of it or
 * following a link close it too (a disclosure, not a modal: the page stays reachable).
 */
const NARROW = window.matchMedia('(max-width: 47.99rem)')

/**
 * Turns the header's sidebar link into the drawer's toggle button
 */
export function startDrawer(nav) {
  const link = document.querySelector('[data-drawer-toggle]')
  if (!link) return
  const button = document.createElement('button')
  button.type = 'button'
  button.className = link.className
  button.setAttribute('aria-controls', nav.id)
  button.setAttribute('aria-expanded', 'false')
  button.append(...link.childNodes)
  link.replaceWith(button)
  nav.dataset.drawer = 'closed'

  const isOpen = () => nav.dataset.drawer === 'open'
  function open() {
    nav.dataset.drawer = 'open'
    button.setAttribute('aria-expanded', 'true')
    nav.getBoundingClientRect()
    nav.querySelector('[data-sidebar-rooms] a, a[href]:not([data-drawer-close])')?.focus()
  }
  function close({ restoreFocus = true } = {}) {
    if (!isOpen()) return
    nav.dataset.drawer = 'closed'
    button.setAttribute('aria-expanded', 'false')
    if (restoreFocus) button.focus()
  }

  button.addEventListener('click', () => (isOpen() ? close() : open()))
  nav.querySelector('[data-drawer-close]')?.addEventListener('click', (event) => {
    event.preventDefault()
    close()
  })
  nav.addEventListener('click', (event) => {
    if (event.target.closest('a[href]:not([data-drawer-close])')) close({ restoreFocus: false })
  })
  nav.addEventListener('focusout', (event) => {
    const to = event.relatedTarget
    if (to && !nav.contains(to) && to !== button) close({ restoreFocus: false })
  })
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && isOpen()) close()
  })
  document.addEventListener('click', (event) => {
    if (isOpen() && !nav.contains(event.target) && !button.contains(event.target)) close()
  })
  NARROW.addEventListener('change', () => close({ restoreFocus: false }))
}

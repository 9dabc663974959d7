/**
 * Menu buttons (WAI-ARIA APG "menu button" pattern) made from the pages' no-JavaScript menus,
 * `<details class="menu">` with a `<summary class="menu-button">` and `.menu-items` (links and
 * one-button forms): the summary becomes a button with aria-haspopup="menu" and
 * aria-expanded, the items a role="menu" of menuitems (menuitemradio for a button with
 * aria-pressed, a choice among a group's buttons).
 *
 * Keys: Enter, Space or ArrowDown (or a click) open the menu on its first item, ArrowUp on its last; in the
 * menu ArrowDown/ArrowUp move (wrapping), Home/End jump, Escape closes it and focuses the button,
 * Tab closes it and moves on. Choosing an item or clicking elsewhere closes it too. An item
 * does what its link or form does unless a script handles its `menu:select` event (cancelable,
 * `detail.action` from `data-action`, `detail.button` the menu's button).
 */

let menuCount = 0

/**
 * Turns every `details.menu` inside `root` into a menu button (once each)
 */
export function enhanceMenus(root) {
  for (const details of root.querySelectorAll('details.menu')) enhance(details)
}

function enhance(details) {
  const summary = details.querySelector(':scope > .menu-button')
  const items = details.querySelector(':scope > .menu-items')
  const id = `menu-${++menuCount}`
  const menu = document.createElement('div')
  menu.className = details.className
  const button = document.createElement('button')
  button.type = 'button'
  button.className = summary.className
  button.id = `${id}-button`
  button.setAttribute('aria-haspopup', 'menu')
  button.setAttribute('aria-expanded', 'false')
  button.setAttribute('aria-controls', id)
  button.setAttribute('aria-label', summary.getAttribute('aria-label'))
  button.append(...summary.childNodes)
  items.id = id
  items.setAttribute('role', 'menu')
  items.setAttribute('aria-labelledby', button.id)
  items.hidden = true
  for (const form of items.querySelectorAll('form')) form.setAttribute('role', 'none')
  for (const item of menuItems(items)) {
    item.setAttribute('role', 'menuitem')
    item.tabIndex = -1
    if (item.hasAttribute('aria-pressed')) asRadio(item)
  }
  menu.append(button, items)
  details.replaceWith(menu)
}

/** A pressed/unpressed choice of the no-JavaScript menu becomes a menuitemradio */
function asRadio(item) {
  item.setAttribute('role', 'menuitemradio')
  item.setAttribute('aria-checked', item.getAttribute('aria-pressed'))
  item.removeAttribute('aria-pressed')
}

function menuItems(items) {
  return [...items.querySelectorAll('.menu-item')]
}

function parts(menu) {
  return {
    button: menu.querySelector(':scope > .menu-button'),
    items: menu.querySelector(':scope > [role=menu]'),
  }
}

function open(menu, focus) {
  closeAll(menu)
  const { button, items } = parts(menu)
  items.hidden = false
  button.setAttribute('aria-expanded', 'true')
  const list = menuItems(items)
  list[focus === 'last' ? list.length - 1 : 0]?.focus()
}

/**
 * Whether focus is in `menu` or nowhere (an item that was just hidden), so closing the menu
 * may put it on the button; a dialog an item opened keeps it
 */
function focusIsLost(menu) {
  const active = document.activeElement
  return !active || active === document.body || menu.contains(active)
}

function close(menu, { focusButton = false } = {}) {
  const { button, items } = parts(menu)
  if (items.hidden) return
  items.hidden = true
  button.setAttribute('aria-expanded', 'false')
  if (focusButton && focusIsLost(menu)) button.focus()
}

function closeAll(except) {
  for (const menu of document.querySelectorAll('.menu:has(> [aria-expanded=true])')) {
    if (menu !== except) close(menu)
  }
}

function select(menu, item, event) {
  const { button } = parts(menu)
  close(menu, { focusButton: true })
  const choice = new CustomEvent('menu:select', {
    bubbles: true,
    cancelable: true,
    detail: { action: item.dataset.action, button },
  })
  if (!item.dispatchEvent(choice)) event.preventDefault()
}

document.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null
  const button = target?.closest('.menu > .menu-button[aria-haspopup]')
  if (button) {
    const menu = button.parentElement
    if (button.getAttribute('aria-expanded') === 'true') close(menu)
    else open(menu, 'first')
    return
  }
  const item = target?.closest('[role=menuitem]')
  if (item) return select(item.closest('.menu'), item, event)
  closeAll(null)
})

document.addEventListener('keydown', (event) => {
  const target = event.target instanceof Element ? event.target : null
  const menu = target?.closest('.menu:has(> [aria-haspopup])')
  if (!menu) return
  const { button, items } = parts(menu)
  if (target === button) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      open(menu, event.key === 'ArrowUp' ? 'last' : 'first')
    } else if (event.key === 'Escape' && !items.hidden) {
      event.stopPropagation()
      close(menu)
    }
    return
  }
  const list = menuItems(items)
  const index = list.indexOf(target)
  if (index === -1) return
  const moves = {
    ArrowDown: (index + 1) % list.length,
    ArrowUp: (index - 1 + list.length) % list.length,
    Home: 0,
    End: list.length - 1,
  }
  if (event.key in moves) {
    event.preventDefault()
    list[moves[event.key]].focus()
  } else if (event.key === 'Escape') {
    event.preventDefault()
    event.stopPropagation()
    close(menu, { focusButton: true })
  } else if (event.key === 'Tab') {
    close(menu)
  } else if (event.key === ' ' && target.tagName === 'A') {
    event.preventDefault()
    target.click()
  }
})

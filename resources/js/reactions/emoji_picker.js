/**
 * The emoji picker (loaded only when first opened, with its list, emoji_data.ts): a modal
 * dialog with a search box, a row of recently used emoji (localStorage) and a grid of Unicode
 * emoji, each a button named for its emoji (English CLDR name, which the search matches).
 *
 * Keys: the search box filters as one types, ArrowDown goes to the first emoji; in a grid the
 * arrow keys move (a roving tabindex, so Tab goes from the search box to the recent row, the
 * grid and the Close button), Home/End jump, Enter or Space choose. Escape, Close or a choice
 * close it and focus goes back to what opened it. Texts: reactions.client (reaction_view.js).
 */
import { EMOJI } from './emoji_data.ts'
import { reactionText } from './reaction_view.js'
import pickerStylesheet from '../../css/emoji_picker.css?url'

/** Emoji per row of the grids (room.css lays them out in as many columns) */
const COLUMNS = 8

/** How many recently used emoji are remembered and shown */
const RECENT_COUNT = 16

const RECENT_KEY = 'roomchat.recentEmoji'

const names = new Map(EMOJI)

let picker = null

/**
 * Opens the picker (once its stylesheet is in); `onChoose(emoji)` gets the chosen emoji, then
 * focus goes back to `trigger`
 */
export async function openEmojiPicker({ trigger, onChoose }) {
  picker ??= loadStylesheet().then(createPicker)
  ;(await picker).open(trigger, onChoose)
}

/**
 * Links emoji_picker.css (a file of the site, as the CSP wants); resolves once it applies, or
 * failed to load (the picker then works unstyled)
 */
function loadStylesheet() {
  const link = document.createElement('link')
  link.rel = 'stylesheet'
  link.href = pickerStylesheet
  const loaded = new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true })
    link.addEventListener('error', resolve, { once: true })
  })
  document.head.append(link)
  return loaded
}

/**
 * The emoji recently chosen, most recent first
 */
function recentEmoji() {
  try {
    const stored = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]')
    return Array.isArray(stored) ? stored.filter((emoji) => names.has(emoji)) : []
  } catch {
    return []
  }
}

function remember(emoji) {
  const recent = [emoji, ...recentEmoji().filter((other) => other !== emoji)]
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(recent.slice(0, RECENT_COUNT)))
  } catch {
    /* Storage full or refused: the picker works without its recent row */
  }
}

function createPicker() {
  const dialog = element('dialog', 'emoji-picker')
  dialog.id = 'emoji-picker'
  dialog.setAttribute('aria-labelledby', 'emoji-picker-title')
  const header = element('div', 'emoji-picker-header')
  const title = element('h2', '', reactionText('picker_title'))
  title.id = 'emoji-picker-title'
  const close = element('button', 'button secondary emoji-picker-close', reactionText('close'))
  close.type = 'button'
  header.append(title, close)
  const search = element('input', 'emoji-search')
  search.type = 'search'
  search.autocomplete = 'off'
  search.setAttribute('aria-label', reactionText('search'))
  search.setAttribute('aria-controls', 'emoji-grid')
  const recentHeading = element('h3', 'emoji-heading', reactionText('recent'))
  recentHeading.id = 'emoji-recent-heading'
  const recentGrid = grid('emoji-recent', recentHeading.id)
  const allHeading = element('h3', 'emoji-heading', reactionText('all'))
  allHeading.id = 'emoji-all-heading'
  const allGrid = grid('emoji-grid', allHeading.id)
  const status = element('p', 'emoji-status muted')
  status.setAttribute('role', 'status')
  const body = element('div', 'emoji-picker-body')
  body.append(recentHeading, recentGrid, allHeading, allGrid, status)
  dialog.append(header, search, body)
  document.body.append(dialog)

  let trigger = null
  let onChoose = null

  const fill = (target, emoji) => {
    target.replaceChildren(...emoji.map((entry) => emojiButton(entry)))
    const first = target.firstElementChild
    if (first) first.tabIndex = 0
  }

  const filter = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean)
    const found = EMOJI.filter(([, name]) =>
      words.every((word) => name.toLowerCase().includes(word))
    )
    fill(
      allGrid,
      found.map(([emoji]) => emoji)
    )
    const recent = words.length === 0 ? recentEmoji() : []
    fill(recentGrid, recent)
    recentHeading.hidden = recentGrid.hidden = recent.length === 0
    allHeading.hidden = allGrid.hidden = found.length === 0
    status.textContent =
      found.length === 0 ? reactionText('no_results', { query: search.value.trim() }) : ''
  }

  const choose = (emoji) => {
    remember(emoji)
    const chosen = onChoose
    dialog.close()
    chosen?.(emoji)
  }

  search.addEventListener('input', filter)
  search.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault()
      const target = recentGrid.hidden ? allGrid : recentGrid
      target.querySelector('[tabindex="0"]')?.focus()
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const first = allGrid.querySelector('.emoji-choice')
      if (first && search.value.trim()) choose(first.value)
    }
  })
  dialog.addEventListener('click', (event) => {
    const button = event.target instanceof Element && event.target.closest('.emoji-choice')
    if (button) return choose(button.value)
    /* A click on the backdrop (outside the dialog's box) closes it */
    const box = dialog.getBoundingClientRect()
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom
    if (event.target === dialog && !inside) dialog.close()
  })
  close.addEventListener('click', () => dialog.close())
  dialog.addEventListener('keydown', (event) => moveInGrid(event))
  dialog.addEventListener('close', () => {
    onChoose = null
    if (trigger?.isConnected) trigger.focus()
    trigger = null
  })

  return {
    open(opener, choice) {
      trigger = opener
      onChoose = choice
      search.value = ''
      filter()
      dialog.showModal()
      search.focus()
    },
  }
}

/**
 * Arrow keys, Home and End within a grid of emoji buttons (roving tabindex)
 */
function moveInGrid(event) {
  const button = event.target instanceof Element && event.target.closest('.emoji-choice')
  if (!button) return
  const buttons = [...button.parentElement.children]
  const index = buttons.indexOf(button)
  const moves = {
    ArrowRight: index + 1,
    ArrowLeft: index - 1,
    ArrowDown: index + COLUMNS,
    ArrowUp: index - COLUMNS,
    Home: 0,
    End: buttons.length - 1,
  }
  if (!(event.key in moves)) return
  event.preventDefault()
  const next = buttons[Math.min(Math.max(moves[event.key], 0), buttons.length - 1)]
  button.tabIndex = -1
  next.tabIndex = 0
  next.focus()
}

function grid(id, labelledBy) {
  const container = element('div', 'emoji-grid')
  container.id = id
  container.setAttribute('role', 'group')
  container.setAttribute('aria-labelledby', labelledBy)
  return container
}

function emojiButton(emoji) {
  const button = element('button', 'emoji-choice', emoji)
  button.type = 'button'
  button.value = emoji
  button.tabIndex = -1
  button.setAttribute('aria-label', names.get(emoji))
  button.title = names.get(emoji)
  return button
}

function element(tag, className, content) {
  const node = document.createElement(tag)
  if (className) node.className = className
  if (content !== undefined) node.textContent = content
  return node
}

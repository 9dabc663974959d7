/**
 * The profile card: a click on a person's name or avatar (any link with
 * `data-username`, which leads to their profile page without JavaScript)
 * opens a small dialog beside it with their display name, username,
 * presence, local time and a "Message" button that opens the direct
 * conversation. Escape, the close button or a click elsewhere closes it and
 * focus goes back to the name. Text is inserted with textContent only.
 */
import { onPresence, presenceLabel, presenceOf } from './presence.js'
import { avatarElement } from './person_name.js'

let card = null

/**
 * Opens cards on clicks of person links; `texts` are the card's labels
 */
export function startProfileCards(texts) {
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[data-username]')
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) {
      if (card && !card.element.contains(event.target)) closeCard(false)
      return
    }
    event.preventDefault()
    openCard(link, texts)
  })
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && card) closeCard(true)
  })
}

async function openCard(link, texts) {
  closeCard(false)
  const username = link.dataset.username
  let person
  try {
    const response = await fetch(`/people/${encodeURIComponent(username)}`, {
      headers: { accept: 'application/json' },
    })
    if (!response.ok) throw new Error(`profile ${response.status}`)
    person = (await response.json()).data
  } catch {
    window.location.assign(link.href)
    return
  }
  const element = renderCard(person, texts)
  document.body.append(element)
  place(element, link)
  const stopPresence = onPresence((id, state) => {
    if (id === person.id) showPresence(element, state)
  })
  const clock = setInterval(() => showLocalTime(element, person, texts), 30_000)
  card = { element, link, stop: () => (stopPresence(), clearInterval(clock)) }
  element.querySelector('h2').focus()
}

function closeCard(returnFocus) {
  if (!card) return
  const { element, link, stop } = card
  card = null
  stop()
  element.remove()
  if (returnFocus) link.focus()
}

function renderCard(person, texts) {
  const name = person.displayName || person.username
  const element = document.createElement('div')
  element.className = 'profile-card card'
  element.setAttribute('role', 'dialog')
  element.setAttribute('aria-labelledby', 'profile-card-name')
  element.dataset.userId = String(person.id)

  const heading = document.createElement('h2')
  heading.id = 'profile-card-name'
  heading.tabIndex = -1
  heading.textContent = name
  const username = document.createElement('p')
  username.className = 'muted'
  username.textContent = `@${person.username}`
  const presence = document.createElement('p')
  presence.className = 'profile-presence'
  const dot = document.createElement('span')
  dot.className = 'presence'
  dot.setAttribute('aria-hidden', 'true')
  const state = document.createElement('span')
  state.className = 'presence-text'
  presence.append(dot, ' ', state)
  const localTime = document.createElement('p')
  localTime.className = 'profile-local-time'
  element.append(avatarElement(person, 64), heading, username, presence, localTime)
  showPresence(element, presenceOf(person.id) ?? person.presence ?? 'offline')
  showLocalTime(element, person, texts)

  const actions = document.createElement('div')
  actions.className = 'profile-actions'
  if (person.id !== Number(texts.userId) && person.directMessages) {
    actions.append(messageForm(person, name, texts))
  }
  const full = document.createElement('a')
  full.href = `/people/${encodeURIComponent(person.username)}`
  full.textContent = texts.profile
  const close = document.createElement('button')
  close.type = 'button'
  close.className = 'link-button'
  close.textContent = texts.close
  close.addEventListener('click', () => closeCard(true))
  actions.append(full, close)
  element.append(actions)
  return element
}

/**
 * "Message": opens (or finds) the direct conversation with this person
 */
function messageForm(person, name, texts) {
  const form = document.createElement('form')
  form.method = 'POST'
  form.action = '/direct'
  const csrf = document.createElement('input')
  csrf.type = 'hidden'
  csrf.name = '_csrf'
  csrf.value = document.querySelector('meta[name="csrf-token"]')?.content ?? ''
  const usernames = document.createElement('input')
  usernames.type = 'hidden'
  usernames.name = 'usernames'
  usernames.value = person.username
  const button = document.createElement('button')
  button.type = 'submit'
  button.className = 'button'
  button.textContent = texts.message
  button.setAttribute('aria-label', texts.messageLabel.replace('{name}', name))
  form.append(csrf, usernames, button)
  return form
}

function showPresence(element, state) {
  element.querySelector('.presence').dataset.presence = state
  element.querySelector('.presence-text').textContent = presenceLabel(state)
}

function showLocalTime(element, person, texts) {
  const line = element.querySelector('.profile-local-time')
  if (!person.timeZone) {
    line.hidden = true
    return
  }
  const time = new Intl.DateTimeFormat(document.documentElement.lang, {
    timeStyle: 'short',
    timeZone: person.timeZone,
  }).format(new Date())
  line.textContent = texts.localTime.replace('{time}', time).replace('{zone}', person.timeZone)
}

/**
 * Below the name, kept inside the viewport
 */
function place(element, link) {
  const box = link.getBoundingClientRect()
  const width = element.offsetWidth
  const left = Math.max(8, Math.min(box.left, window.innerWidth - width - 8))
  element.style.top = `${window.scrollY + box.bottom + 4}px`
  element.style.left = `${window.scrollX + left}px`
}

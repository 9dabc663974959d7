/**
 * People's presence dots: every element with `data-presence-user="<id>"`
 * (rendered by the people.presence component, or added later by a script)
 * gets `data-presence` = online | away | offline and a hidden text label.
 * Current states come from GET /presence?ids=…, asked once the Transmit
 * channel `presence` is followed (a change between the answer and the
 * subscription, such as one's own socket coming online, would be lost);
 * a change heard while the answer is on its way wins over it. The client is
 * loaded only on pages with a dot.
 */
const states = new Map()
const listeners = new Set()
let texts = {}
let asked = new Set()
let askTimer = null
let following = null
const heard = new Set()

/**
 * Starts painting dots; `labels` are the texts of the three states
 */
export function startPresence(labels) {
  texts = labels
  paintWithin(document.body)
  new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      for (const node of mutation.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) paintWithin(node)
      }
    }
  }).observe(document.body, { childList: true, subtree: true })
}

/**
 * The known state of person `id` (undefined until asked), and a way to hear changes
 */
export function presenceOf(id) {
  return states.get(Number(id))
}

/**
 * Calls `listener(id, state)` on every change until the returned function is called
 */
export function onPresence(listener) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/**
 * The label of a state, in the page's language
 */
export function presenceLabel(state) {
  return texts[state] ?? state
}

function paintWithin(root) {
  const dots = root.matches?.('[data-presence-user]')
    ? [root]
    : [...root.querySelectorAll('[data-presence-user]')]
  for (const dot of dots) {
    const id = Number(dot.dataset.presenceUser)
    if (states.has(id)) paint(dot, states.get(id))
    else ask(id)
  }
}

function paint(dot, state) {
  dot.dataset.presence = state
  dot.title = presenceLabel(state)
  let label = dot.querySelector('.visually-hidden')
  if (!label) {
    label = document.createElement('span')
    label.className = 'visually-hidden'
    dot.append(label)
  }
  label.textContent = presenceLabel(state)
}

function ask(id) {
  if (asked.has(id) || !Number.isInteger(id) || id <= 0) return
  asked.add(id)
  clearTimeout(askTimer)
  askTimer = setTimeout(fetchAsked, 50)
}

async function fetchAsked() {
  const ids = [...asked].filter((id) => !states.has(id)).slice(0, 200)
  if (ids.length === 0) return
  await follow()
  for (const id of ids) heard.delete(id)
  try {
    const response = await fetch(`/presence?ids=${ids.join(',')}`, {
      headers: { accept: 'application/json' },
    })
    if (!response.ok) return
    const { data } = await response.json()
    for (const [id, state] of Object.entries(data)) {
      if (!heard.has(Number(id))) set(Number(id), state)
    }
  } catch {
    asked = new Set([...asked].filter((id) => !ids.includes(id)))
  }
}

function follow() {
  following ??= import('../live_events.js')
    .then(({ liveEvents }) => {
      const channel = liveEvents().subscription('presence')
      channel.onMessage((event) => {
        if (event.type !== 'presence') return
        heard.add(event.user)
        set(event.user, event.state)
      })
      return channel.create()
    })
    .catch(() => {})
  return following
}

function set(id, state) {
  if (states.get(id) === state) return
  states.set(id, state)
  for (const dot of document.querySelectorAll(`[data-presence-user="${id}"]`)) paint(dot, state)
  for (const listener of listeners) listener(id, state)
}

/**
 * People's presence dots: every element with `data-presence-user="<id>"`
 * (rendered by the people.presence component, or added later by a script)
 * gets `data-presence` = online | away | offline and a hidden text label;
 * an element with `data-presence-text="<id>"` shows the state's label.
 * Current states come from GET /presence?ids=…, changes from the Transmit
 * channel `presence`; the client is loaded only on pages with a dot.
 */

/**
 * How long the first states wait for the change stream (it may be unreachable)
 */
const FOLLOW_WAIT_MS = 5000

const states = new Map()
const heard = new Map()
const listeners = new Set()
let texts = {}
let asked = new Set()
let askTimer = null
let following = null

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
  await follow()
  const ids = [...asked].filter((id) => !states.has(id)).slice(0, 200)
  if (ids.length === 0) return
  const heardBefore = new Map(ids.map((id) => [id, heard.get(id) ?? 0]))
  try {
    const response = await fetch(`/presence?ids=${ids.join(',')}`, {
      headers: { accept: 'application/json' },
    })
    if (!response.ok) return
    const { data } = await response.json()
    for (const [id, state] of Object.entries(data)) {
      if ((heard.get(Number(id)) ?? 0) === heardBefore.get(Number(id))) set(Number(id), state)
    }
  } catch {
    asked = new Set([...asked].filter((id) => !ids.includes(id)))
  }
}

/**
 * Follows the changes before the first states are asked (a change made between
 * the answer and the subscription would be lost), waiting at most
 * FOLLOW_WAIT_MS for the event stream; a change heard while an answer is on
 * its way is newer than that answer
 */
function follow() {
  following ??= import('../live_events.js').then(({ liveEvents }) => {
    const channel = liveEvents().subscription('presence')
    channel.onMessage((event) => {
      if (event.type !== 'presence') return
      for (const [user, state] of event.people) {
        heard.set(user, (heard.get(user) ?? 0) + 1)
        set(user, state)
      }
    })
    return Promise.race([
      channel.create().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, FOLLOW_WAIT_MS)),
    ])
  })
  return following
}

function set(id, state) {
  if (states.get(id) === state) return
  states.set(id, state)
  for (const dot of document.querySelectorAll(`[data-presence-user="${id}"]`)) paint(dot, state)
  for (const label of document.querySelectorAll(`[data-presence-text="${id}"]`)) {
    label.textContent = presenceLabel(state)
  }
  for (const listener of listeners) listener(id, state)
}

/**
 * The browser's copy of partials/reactions.edge: a message's reaction chips as one form that
 * works without JavaScript (each chip a submit button toggling its emoji; "+" links to the
 * reaction page), with the chips drawn by the shared reaction_summary.ts. Every string goes in
 * with textContent or as an attribute, never as HTML.
 */
import { reactionChips } from './reaction_summary.ts'

/**
 * The page's reaction texts (resources/lang/<locale>/reactions.json, `client`), from the room's
 * #reaction-texts block: `reactionText(key, values)` fills `{placeholders}`
 */
export function reactionText(key, values = {}) {
  return (readTexts()[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''))
}

function readTexts() {
  return JSON.parse(document.getElementById('reaction-texts')?.textContent || '{}')
}

/**
 * partials/reactions.edge for message `seq` with `summaries` (the `reactions` of a chat
 * frame), or null when it has none
 * @param {import('../message_list/render.js').RenderContext} context
 */
export function renderReactions(seq, summaries, context) {
  const { you, others, label } = readTexts()
  const chips = reactionChips(
    summaries ?? [],
    context.me.id,
    { you, others, label },
    context.locale
  )
  if (chips.length === 0) return null
  const url = `${context.messagesUrl}/${seq}/reactions`
  const form = document.createElement('form')
  form.className = 'reactions'
  form.method = 'POST'
  form.setAttribute('action', url)
  const csrf = document.createElement('input')
  csrf.setAttribute('type', 'hidden')
  csrf.setAttribute('name', '_csrf')
  csrf.setAttribute('value', context.csrfToken)
  form.append(csrf)
  for (const chip of chips) {
    const button = document.createElement('button')
    button.className = 'reaction'
    button.type = 'submit'
    button.name = 'emoji'
    button.value = chip.emoji
    button.setAttribute('aria-pressed', String(chip.pressed))
    button.setAttribute('aria-label', chip.label)
    button.dataset.reactors = chip.reactors
    button.append(
      hiddenSpan('reaction-emoji', chip.emoji),
      hiddenSpan('reaction-count', chip.count)
    )
    form.append(button)
  }
  const add = document.createElement('a')
  add.className = 'reaction-add'
  add.href = url
  add.setAttribute('aria-label', reactionText('add'))
  add.title = reactionText('add')
  add.append(hiddenSpan('', '+'))
  form.append(add)
  return form
}

/**
 * The reactions a message row shows (read back from its chips), as in a chat frame
 */
export function readReactions(item) {
  return [...item.querySelectorAll('.reactions .reaction')].map((chip) => ({
    emoji: chip.value,
    users: JSON.parse(chip.dataset.reactors || '[]'),
  }))
}

function hiddenSpan(className, content) {
  const span = document.createElement('span')
  if (className) span.className = className
  span.setAttribute('aria-hidden', 'true')
  span.textContent = String(content)
  return span
}

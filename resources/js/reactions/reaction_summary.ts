/**
 * A message's reactions as pure data, shared by the server (Edge page) and the browser (live
 * entries), so both draw the same chips: one chip per emoji, in the order the emoji were first
 * used, with its count, whether the reader reacted (pressed) and an accessible name listing
 * who reacted ("👍 3: Ann, Bao and you").
 */

/**
 * Someone who reacted, as chat frames carry people
 */
export interface Reactor {
  id: number
  username: string
  display_name?: string
}

/**
 * One emoji's reactions to a message: who reacted, earliest first (PROTOCOL.md, `reactions`)
 */
export interface ReactionSummary {
  emoji: string
  users: Reactor[]
}

/**
 * The words of a chip's accessible name: `you`; `others` ("{count} others") closes a long list;
 * `label` ("{emoji} {count}: {names}") puts them together
 */
export interface ReactionTexts {
  you: string
  others: string
  label: string
}

/**
 * What one chip shows; `reactors` is the JSON of `users` kept on the chip for live updates
 */
export interface ReactionChip {
  emoji: string
  count: number
  pressed: boolean
  label: string
  reactors: string
}

/**
 * A chip's accessible name lists at most this many people, then "N others"
 */
export const NAMED_REACTORS = 8

const listFormats = new Map<string, Intl.ListFormat>()

function listFormat(locale: string) {
  let format = listFormats.get(locale)
  if (!format) {
    format = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' })
    listFormats.set(locale, format)
  }
  return format
}

function fill(template: string, values: Record<string, string | number>) {
  return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''))
}

/**
 * The reactions after someone reacted (`on`) or withdrew their reaction `emoji`; applying an
 * entry twice changes nothing
 */
export function applyReaction(
  summaries: ReactionSummary[],
  emoji: string,
  user: Reactor,
  on: boolean
): ReactionSummary[] {
  const next = summaries.map((summary) => ({
    emoji: summary.emoji,
    users: summary.users.filter((someone) => someone.id !== user.id || summary.emoji !== emoji),
  }))
  const summary = next.find((entry) => entry.emoji === emoji)
  if (on && summary) summary.users.push(user)
  if (on && !summary) next.push({ emoji, users: [user] })
  return next.filter((entry) => entry.users.length > 0)
}

/**
 * The chips of `summaries` as the reader `meId` sees them, in `locale`
 */
export function reactionChips(
  summaries: ReactionSummary[],
  meId: number,
  texts: ReactionTexts,
  locale: string
): ReactionChip[] {
  return summaries
    .filter((summary) => summary.users.length > 0)
    .map((summary) => {
      const pressed = summary.users.some((user) => user.id === meId)
      const names = summary.users
        .filter((user) => user.id !== meId)
        .map((user) => user.display_name || user.username)
      if (pressed) names.push(texts.you)
      const shown =
        names.length > NAMED_REACTORS
          ? [
              ...names.slice(0, NAMED_REACTORS - 1),
              fill(texts.others, { count: names.length - NAMED_REACTORS + 1 }),
            ]
          : names
      return {
        emoji: summary.emoji,
        count: summary.users.length,
        pressed,
        label: fill(texts.label, {
          emoji: summary.emoji,
          count: summary.users.length,
          names: listFormat(locale).format(shown),
        }),
        reactors: JSON.stringify(summary.users),
      }
    })
}

/**
 * The `@name` being typed in the composer, and the room members it may mean: the pure part of
 * the mention autocomplete (mention_autocomplete.js), shared with its unit spec.
 */

/** Most suggestions shown at once */
export const MAX_SUGGESTIONS = 8

/**
 * The mention being typed just before `caret`: where its "@" is and what follows it. Null
 * when the caret is not at the end of an "@word" that starts the text or follows a character
 * a mention may follow (as the server reads them: not after letters, digits, ".", "+", "-",
 * "@", "/", "=" or "&", so e-mail addresses and URLs are no mentions).
 */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?<![\w.+\-@/=&])@([\w-]{0,32})$/.exec(text.slice(0, caret))
  if (!match) return null
  return { start: match.index, query: match[1] }
}

/**
 * Up to MAX_SUGGESTIONS of `usernames` for `query`, case-insensitively: those starting with it
 * first, then those containing it, each group in alphabetical order, without duplicates
 */
export function suggestMentions(usernames: Iterable<string>, query: string) {
  const wanted = query.toLowerCase()
  const unique = [...new Set(usernames)].sort((a, b) => a.localeCompare(b))
  const starting = unique.filter((name) => name.toLowerCase().startsWith(wanted))
  const containing = unique.filter(
    (name) => !name.toLowerCase().startsWith(wanted) && name.toLowerCase().includes(wanted)
  )
  return [...starting, ...containing].slice(0, MAX_SUGGESTIONS)
}

/**
 * `text` with the mention from `start` to `caret` replaced by "@username " and where the
 * caret goes after it
 */
export function completeMention(text: string, start: number, caret: number, username: string) {
  const inserted = `@${username} `
  const rest = text.slice(caret).replace(/^ /, '')
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length }
}

import { edgeGlobals } from 'edge.js'

/**
 * A piece of a snippet: plain text, `mark`ed when it matched a search word
 */
type SnippetPart = { text: string; mark: boolean }

/**
 * A word of a search: `whole` words match only between non-word characters
 * (short words would match inside almost anything), others anywhere
 */
export type SnippetTerm = { word: string; whole: boolean }

/**
 * Snippets show at most this many characters of a message…
 */
const SNIPPET_LENGTH = 180

/**
 * …starting about this many characters before the first match
 */
const LEAD_LENGTH = 50

/**
 * The window moves at most this many characters to start and end between
 * words (a longer word is cut)
 */
const WORD_CUT_LENGTH = 20

const WORD_CHARACTER = /[\p{L}\p{N}]/u

const WHITE_SPACE = /\s/u

/**
 * Cuts a snippet of `body` around its first match of `terms` and marks every
 * match in it. `fold` maps one character to its searchable form (lower case,
 * accents removed, as PostgreSQL folds the indexed text), so "phong" marks
 * "Phòng". Parts are plain text: escape them (see `snippetHtml`).
 */
export function buildSnippet(
  body: string,
  terms: SnippetTerm[],
  fold: (character: string) => string
): SnippetPart[] {
  const characters = Array.from(body)
  const matches = findMatches(characters, terms, fold)
  const [start, end] = snippetWindow(characters, matches[0]?.[0] ?? 0)
  const parts: SnippetPart[] = []
  const push = (from: number, to: number, mark: boolean) => {
    if (to > from) {
      parts.push({ text: characters.slice(from, to).join(''), mark })
    }
  }

  let cursor = start
  for (const [matchStart, matchEnd] of matches) {
    if (matchEnd <= cursor || matchStart >= end) {
      continue
    }
    push(cursor, Math.max(cursor, matchStart), false)
    push(Math.max(cursor, matchStart), Math.min(matchEnd, end), true)
    cursor = Math.min(matchEnd, end)
  }
  push(cursor, end, false)

  if (start > 0) {
    parts.unshift({ text: '…', mark: false })
  }
  if (end < characters.length) {
    parts.push({ text: '…', mark: false })
  }
  return parts
}

/**
 * A snippet as HTML: every part escaped, matches wrapped in `<mark>`
 */
export function snippetHtml(parts: SnippetPart[]) {
  return parts
    .map(({ text, mark }) => {
      const escaped = edgeGlobals.html.escape(text)
      return mark ? `<mark>${escaped}</mark>` : escaped
    })
    .join('')
}

/**
 * Sorted, merged [start, end) character ranges of `characters` where a term
 * occurs in the folded text
 */
function findMatches(
  characters: string[],
  terms: SnippetTerm[],
  fold: (character: string) => string
) {
  // The folded text, and for each of its UTF-16 units the character it came from
  let folded = ''
  const origin: number[] = []
  characters.forEach((character, index) => {
    const piece = fold(character)
    folded += piece
    for (let unit = 0; unit < piece.length; unit++) {
      origin.push(index)
    }
  })

  const ranges: Array<[number, number]> = []
  for (const { word, whole } of terms) {
    for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1)) {
      const after = at + word.length
      if (whole && (isWordAt(folded, at - 1) || isWordAt(folded, after))) {
        continue
      }
      // Marks that fold to nothing (combining accents) stay with their letter
      let end = origin[after - 1] + 1
      while (end < characters.length && fold(characters[end]) === '') {
        end++
      }
      ranges.push([origin[at], end])
    }
  }

  ranges.sort((left, right) => left[0] - right[0])
  const merged: Array<[number, number]> = []
  for (const range of ranges) {
    const last = merged.at(-1)
    if (last && range[0] <= last[1]) {
      last[1] = Math.max(last[1], range[1])
    } else {
      merged.push([...range])
    }
  }
  return merged
}

/**
 * Whether the UTF-16 unit at `index` of `text` is a letter or digit
 */
function isWordAt(text: string, index: number) {
  return index >= 0 && index < text.length && WORD_CHARACTER.test(text.charAt(index))
}

/**
 * The [start, end) characters to show: the whole message when short, else
 * up to SNIPPET_LENGTH characters starting a little before `focus`, cut
 * between words where there is a space nearby
 */
function snippetWindow(characters: string[], focus: number): [number, number] {
  if (characters.length <= SNIPPET_LENGTH) {
    return [0, characters.length]
  }
  let start = Math.max(0, Math.min(focus - LEAD_LENGTH, characters.length - SNIPPET_LENGTH))
  const firstSpace = findSpace(characters, start, Math.min(focus, start + WORD_CUT_LENGTH), 1)
  if (start > 0 && firstSpace !== -1) {
    start = firstSpace + 1
  }
  let end = Math.min(characters.length, start + SNIPPET_LENGTH)
  const lastSpace = findSpace(characters, end, Math.max(focus, end - WORD_CUT_LENGTH), -1)
  if (end < characters.length && lastSpace !== -1) {
    end = lastSpace
  }
  return [start, end]
}

/**
 * Index of the first white-space character from `from` towards `to`
 * (excluded) in direction `step`, or -1
 */
function findSpace(characters: string[], from: number, to: number, step: 1 | -1) {
  for (let index = from; step > 0 ? index < to : index > to; index += step) {
    if (WHITE_SPACE.test(characters[index])) {
      return index
    }
  }
  return -1
}

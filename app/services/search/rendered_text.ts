import sanitizeHtml from 'sanitize-html'

/**
 * sanitize-html escapes exactly these in text it keeps (after decoding every
 * entity of its input), so undoing them gives the text as a reader sees it
 */
const ESCAPED = { '&lt;': '<', '&gt;': '>', '&amp;': '&' } as const

/**
 * The text a reader sees of a message's rendered HTML: no tags, entities
 * decoded, blocks and lines joined by single spaces. Plain text: escape it
 * before printing (search snippets do).
 */
export function renderedText(html: string) {
  const text = sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} })
  return text
    .replace(/&(?:lt|gt|amp);/g, (entity) => ESCAPED[entity as keyof typeof ESCAPED])
    .replace(/\s+/g, ' ')
    .trim()
}

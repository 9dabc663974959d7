/**
 * One line of words and plain punctuation that markdown cannot read as
 * anything but a paragraph of text: it starts with a letter (no list or
 * quote marker), holds no markup, entity, link, mention or HTML character
 * (`* _ ~ \` [ ] < > & \ @ / # " |`), no line break, and does not end in a space
 */
const PLAIN_LINE = /^\p{L}[\p{L}\p{M}\p{N} ,.?!;:'-]*(?<! )$/u

/**
 * The HTML of a message that is plain text (most chat lines), as the
 * markdown renderer would write it — `<p>text</p>`, nothing to escape — or
 * null when the text needs the full markdown pass
 */
export function plainTextHtml(text: string) {
  return PLAIN_LINE.test(text) ? `<p>${text}</p>` : null
}

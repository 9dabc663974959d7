import MarkdownIt, { type StateCore, type Token } from 'markdown-it'
import sanitizeHtml from 'sanitize-html'
import type { MessageRenderer, RenderedMessage } from '#chat/src/message_renderer'
import { plainTextHtml } from '#chat/adapters/plain_text_html'

/**
 * Most distinct usernames one message can mention (and so notify)
 */
export const MAX_MENTIONS = 20

/**
 * `@name` with the username validator's characters (3–32 of A–Z, a–z, 0–9, `_`, `-`),
 * not glued to a word, an e-mail local part or a path before it, nor followed by more name characters
 */
const MENTION_RE = /(?<![\w.+\-@/=&])@([\w-]{3,32})(?![\w-])/g

/**
 * Link targets a message may point to; anything else (relative, javascript:, data:, …) stays text
 */
const SAFE_HREF_RE = /^(?:https?:\/\/|mailto:)/i

/**
 * Relationship and target every rendered link carries
 */
const LINK_ATTRIBUTES = { rel: 'noopener nofollow ugc', target: '_blank' }

/**
 * Chat-sized markdown. On: paragraphs with line breaks, **bold**, *italics*, ~~strike~~,
 * `code`, fenced code blocks, lists, quotes, [links](https://…), <autolinks>, and URLs with a
 * scheme or e-mail addresses in text (linkify; bare domains stay text: `readme.md` is no link).
 * Off: raw HTML, images, headings, tables, rules, indented code and reference links —
 * in a chat line they surprise more than they help.
 */
function createMarkdown(): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt('zero', { breaks: true, linkify: true, typographer: false })
  md.enable(['blockquote', 'fence', 'list'])
  md.enable(['newline', 'escape', 'backticks', 'strikethrough', 'emphasis', 'link', 'autolink'])
  md.enable(['entity', 'linkify'])
  md.validateLink = (url) => SAFE_HREF_RE.test(url)
  md.core.ruler.after('linkify', 'mention', markMentions)
  md.renderer.rules.mention = (tokens, idx) => {
    const name = md.utils.escapeHtml(tokens[idx].content)
    return `<span class="mention" data-username="${name.toLowerCase()}">@${name}</span>`
  }
  return md
}

/**
 * Core rule: splits `@name` out of text tokens outside links into `mention` tokens
 * (code spans and blocks are not text tokens, so they are left alone)
 */
function markMentions(state: StateCore): void {
  const { mentions, isUser } = state.env as RenderEnv
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children || !block.content.includes('@')) continue
    const children: Token[] = []
    let linkDepth = 0
    for (const token of block.children) {
      if (token.type === 'link_open') linkDepth++
      if (token.type === 'link_close') linkDepth--
      if (token.type !== 'text' || linkDepth > 0 || !token.content.includes('@')) {
        children.push(token)
        continue
      }
      children.push(...splitMentions(state, token, mentions, isUser))
    }
    block.children = children
  }
}

/**
 * What one render collects and may check: the names mentioned, and which names are users
 */
type RenderEnv = { mentions: Set<string>; isUser?: (username: string) => boolean }

/**
 * The text token as text and mention tokens, recording each mentioned name
 * (names `isUser` refuses stay text)
 */
function splitMentions(
  state: StateCore,
  token: Token,
  mentions: Set<string>,
  isUser: RenderEnv['isUser']
): Token[] {
  const parts: Token[] = []
  const text = token.content
  let last = 0
  for (const match of text.matchAll(MENTION_RE)) {
    if (isUser && !isUser(match[1].toLowerCase())) continue
    if (match.index > last) parts.push(textToken(state, text.slice(last, match.index), token))
    const mention = new state.Token('mention', '', 0)
    mention.content = match[1]
    mention.level = token.level
    parts.push(mention)
    if (mentions.size < MAX_MENTIONS) mentions.add(match[1].toLowerCase())
    last = match.index + match[0].length
  }
  if (last === 0) return [token]
  if (last < text.length) parts.push(textToken(state, text.slice(last), token))
  return parts
}

/**
 * A text token with the given content at the level of the token it was cut from
 */
function textToken(state: StateCore, content: string, from: Token): Token {
  const token = new state.Token('text', '', 0)
  token.content = content
  token.level = from.level
  return token
}

/**
 * Second layer behind markdown-it: an allow-list of the tags and attributes it may emit
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'em',
    'del',
    'code',
    'pre',
    'a',
    'ul',
    'ol',
    'li',
    'blockquote',
    'span',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    ol: ['start'],
    span: ['class', 'data-username'],
  },
  allowedClasses: { span: ['mention'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    s: 'del',
    a: (_tagName, attribs) => ({
      tagName: 'a',
      attribs: SAFE_HREF_RE.test(attribs.href ?? '')
        ? { href: attribs.href, ...LINK_ATTRIBUTES }
        : LINK_ATTRIBUTES,
    }),
  },
}

/**
 * Renders message markdown with markdown-it (raw HTML off) and passes the result through
 * sanitize-html; `@name` outside code and links becomes
 * `<span class="mention" data-username="name">@Name</span>` (data-username lower-cased),
 * only for names `isUser` accepts when it is given
 */
export class MarkdownMessageRenderer implements MessageRenderer {
  readonly #md = createMarkdown()

  /**
   * Plain text (most chat lines) skips markdown-it and sanitize-html, which
   * cost ~50–150 µs a message on the append path; the rest is rendered
   */
  render(text: string, isUser?: (username: string) => boolean): RenderedMessage {
    const html = plainTextHtml(text)
    return html === null ? this.renderMarkdown(text, isUser) : { html, mentions: [] }
  }

  /**
   * The full markdown pass, whatever the text
   */
  renderMarkdown(text: string, isUser?: (username: string) => boolean): RenderedMessage {
    const env: RenderEnv = { mentions: new Set<string>(), isUser }
    const html = sanitizeHtml(this.#md.render(text, env), SANITIZE_OPTIONS)
    return { html: html.trimEnd(), mentions: [...env.mentions] }
  }
}

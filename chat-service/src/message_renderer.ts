/**
 * What a message body turns into when it is written: safe HTML and the people it mentions
 */
export type RenderedMessage = {
  /**
   * Sanitized HTML of the body, safe to insert into a page as is
   */
  html: string
  /**
   * Distinct lower-cased usernames mentioned with `@name` outside code and links (at most 20)
   */
  mentions: string[]
}

/**
 * Renders the text of a chat message (markdown with `@mentions`) once, when it is stored
 */
export interface MessageRenderer {
  /**
   * Turns message text into sanitized HTML and the usernames it mentions;
   * with `isUser`, only names it accepts (lower-cased) become mentions, the
   * others stay plain text
   */
  render(text: string, isUser?: (username: string) => boolean): RenderedMessage
}

import { test } from '@japa/runner'
import { MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { plainTextHtml } from '#chat/adapters/plain_text_html'

const renderer = new MarkdownMessageRenderer()

test.group('Plain text fast path of the message renderer', () => {
  test('plain lines skip markdown and come out as the markdown pass writes them', ({ assert }) => {
    const plain = [
      'A persisted message: acknowledged only once committed with its seq.',
      'A fan-out message from the bench, about the length of a chat line.',
      'www.example.com',
      'see example.com now',
      'Hello,  world',
      "it's fine, x'y'",
      'a -- b --- c',
      'Phòng họp lúc 3 giờ nhé',
      'http: not a link, ftp: mailto: either',
      'Yes: no; maybe? one. two! three',
      'Q1 2026',
    ]
    for (const text of plain) {
      assert.equal(plainTextHtml(text), `<p>${text}</p>`, text)
      assert.deepEqual(renderer.render(text), renderer.renderMarkdown(text), text)
    }
  })

  test('anything markdown may read otherwise takes the markdown pass', ({ assert }) => {
    const marked = [
      '1. a list',
      '- a list',
      '> a quote',
      ' leading space',
      'trailing space ',
      'two\nlines',
      'a **bold** word',
      'an_underscore',
      'a `code` span',
      'a [link](https://example.com)',
      'https://example.com',
      'hi @ana',
      'a < b & c',
      'say "hi"',
      'ok 😀',
      'a/b',
      'x~~y~~',
    ]
    for (const text of marked) {
      assert.isNull(plainTextHtml(text), text)
      assert.deepEqual(renderer.render(text), renderer.renderMarkdown(text), text)
    }
  })
})

import { test } from '@japa/runner'
import { MAX_MENTIONS, MarkdownMessageRenderer } from '#chat/adapters/markdown_message_renderer'
import { renderedText } from '#services/search/rendered_text'
import { buildSnippet, snippetHtml } from '#services/search/search_snippet'

const renderer = new MarkdownMessageRenderer()
const html = (text: string) => renderer.render(text).html
const mentions = (text: string) => renderer.render(text).mentions

/**
 * Attributes every rendered link carries
 */
const LINK = 'rel="noopener nofollow ugc" target="_blank"'

/**
 * The tags and attributes the renderer may emit
 */
const ALLOWED: Record<string, string[]> = {
  p: [],
  br: [],
  strong: [],
  em: [],
  del: [],
  code: [],
  pre: [],
  a: ['href', 'rel', 'target'],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  span: ['class', 'data-username'],
}

const TAG_RE = /<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*(\/?)>/g
const ATTRIBUTE_RE = /\s+([^\s=>/]+)(?:="([^"]*)")?/g

/**
 * Every problem in `output` against the allow-list: unknown tags or attributes, hrefs that
 * are not http(s)/mailto, classes other than `mention`, and any `<` that does not open an
 * allowed tag (so no markup can hide from the scan)
 */
function violations(output: string): string[] {
  const found: string[] = []
  for (const [, , tag, attributes] of output.matchAll(TAG_RE)) {
    const name = tag.toLowerCase()
    if (!ALLOWED[name]) {
      found.push(`tag <${tag}>`)
      continue
    }
    for (const [, attribute, value = ''] of attributes.matchAll(ATTRIBUTE_RE)) {
      if (!ALLOWED[name].includes(attribute)) found.push(`attribute ${attribute} on <${tag}>`)
      const decoded = value.replaceAll('&amp;', '&')
      if (attribute === 'href' && !/^(https?:\/\/|mailto:)/i.test(decoded)) {
        found.push(`href ${value}`)
      }
      if (attribute === 'class' && value !== 'mention') found.push(`class ${value}`)
      if (attribute === 'target' && value !== '_blank') found.push(`target ${value}`)
    }
  }
  if (output.replace(TAG_RE, '').includes('<')) found.push('stray <')
  return found
}

test.group('MarkdownMessageRenderer formatting', () => {
  test('plain text becomes an escaped paragraph', ({ assert }) => {
    assert.deepEqual(renderer.render('hello & "bye" <3'), {
      html: '<p>hello &amp; "bye" &lt;3</p>',
      mentions: [],
    })
  })

  test('bold, italics and strikethrough', ({ assert }) => {
    assert.equal(
      html('**bold** __also__ *it* _it_ ~~gone~~'),
      '<p><strong>bold</strong> <strong>also</strong> <em>it</em> <em>it</em> <del>gone</del></p>'
    )
  })

  test('inline code keeps markdown and markup literal', ({ assert }) => {
    assert.equal(html('run `npm **i** <b>` now'), '<p>run <code>npm **i** &lt;b&gt;</code> now</p>')
  })

  test('fenced code block drops the language class', ({ assert }) => {
    assert.equal(
      html('```js\nconst a = 1 < 2\n```'),
      '<pre><code>const a = 1 &lt; 2\n</code></pre>'
    )
  })

  test('markdown links get rel and target', ({ assert }) => {
    assert.equal(
      html('[docs](https://example.com/a?b=1&c=2 "Docs")'),
      `<p><a href="https://example.com/a?b=1&amp;c=2" ${LINK}>docs</a></p>`
    )
  })

  test('autolinks, bare URLs and e-mail addresses become links; bare domains do not', ({
    assert,
  }) => {
    assert.equal(
      html('<https://a.example> http://b.example/x mail bob@example.com or example.com'),
      `<p><a href="https://a.example" ${LINK}>https://a.example</a> ` +
        `<a href="http://b.example/x" ${LINK}>http://b.example/x</a> ` +
        `mail <a href="mailto:bob@example.com" ${LINK}>bob@example.com</a> or example.com</p>`
    )
  })

  test('a single newline is a line break, a blank line a new paragraph', ({ assert }) => {
    assert.equal(html('one\ntwo\n\nthree'), '<p>one<br />\ntwo</p>\n<p>three</p>')
  })

  test('lists and quotes', ({ assert }) => {
    assert.equal(html('- a\n- b'), '<ul>\n<li>a</li>\n<li>b</li>\n</ul>')
    assert.equal(html('3. c\n4. d'), '<ol start="3">\n<li>c</li>\n<li>d</li>\n</ol>')
    assert.equal(html('> said'), '<blockquote>\n<p>said</p>\n</blockquote>')
  })

  test('headings, images, tables, rules, indented code and references stay text', ({ assert }) => {
    assert.equal(html('# title'), '<p># title</p>')
    assert.equal(
      html('![cat](https://x.example/c.png)'),
      `<p>!<a href="https://x.example/c.png" ${LINK}>cat</a></p>`
    )
    assert.equal(html('| a |\n|---|\n| 1 |'), '<p>| a |<br />\n|---|<br />\n| 1 |</p>')
    assert.equal(html('---'), '<p>---</p>')
    assert.equal(html('    code'), '<p>code</p>')
    assert.equal(
      html('[x][r]\n\n[r]: https://r.example'),
      `<p>[x][r]</p>\n<p>[r]: <a href="https://r.example" ${LINK}>https://r.example</a></p>`
    )
  })

  test('empty text renders empty', ({ assert }) => {
    assert.deepEqual(renderer.render(''), { html: '', mentions: [] })
  })
})

test.group('MarkdownMessageRenderer mentions', () => {
  test('@name in text becomes a mention span, data-username lower-cased', ({ assert }) => {
    assert.deepEqual(renderer.render('hi @Alice, ping @bob_2-x.'), {
      html:
        '<p>hi <span class="mention" data-username="alice">@Alice</span>, ping ' +
        '<span class="mention" data-username="bob_2-x">@bob_2-x</span>.</p>',
      mentions: ['alice', 'bob_2-x'],
    })
  })

  test('mentions inside emphasis, lists and quotes count', ({ assert }) => {
    assert.equal(
      html('**@bob**'),
      '<p><strong><span class="mention" data-username="bob">@bob</span></strong></p>'
    )
    assert.deepEqual(mentions('- @carol\n\n> @dave'), ['carol', 'dave'])
  })

  test('not in code spans or code blocks', ({ assert }) => {
    assert.deepEqual(renderer.render('`@bob` and\n```\n@carol\n```'), {
      html: '<p><code>@bob</code> and</p>\n<pre><code>@carol\n</code></pre>',
      mentions: [],
    })
  })

  test('not in e-mail addresses', ({ assert }) => {
    assert.deepEqual(renderer.render('write to bob@example.com or x.y+z@bob'), {
      html: `<p>write to <a href="mailto:bob@example.com" ${LINK}>bob@example.com</a> or x.y+z@bob</p>`,
      mentions: [],
    })
  })

  test('not in links, their text or their URL', ({ assert }) => {
    assert.deepEqual(renderer.render('[@bob](https://x.example/@carol) https://y.example/@dave'), {
      html:
        `<p><a href="https://x.example/@carol" ${LINK}>@bob</a> ` +
        `<a href="https://y.example/@dave" ${LINK}>https://y.example/@dave</a></p>`,
      mentions: [],
    })
  })

  test('names outside 3–32 username characters, escaped @ and bare @ are text', ({ assert }) => {
    const long = 'a'.repeat(33)
    assert.deepEqual(renderer.render(`@ab @${long} \\@bob @ @@carol a@dave`), {
      html: `<p>@ab @${long} @bob @ @@carol a@dave</p>`,
      mentions: [],
    })
    assert.deepEqual(mentions(`@${'b'.repeat(32)}`), ['b'.repeat(32)])
  })

  test('with a user check, only accepted names become mentions', ({ assert }) => {
    const isUser = (name: string) => name === 'bob'
    assert.deepEqual(renderer.render('@Bob, @ghost and **@bob**', isUser), {
      html:
        '<p><span class="mention" data-username="bob">@Bob</span>, @ghost and ' +
        '<strong><span class="mention" data-username="bob">@bob</span></strong></p>',
      mentions: ['bob'],
    })
    assert.deepEqual(renderer.render('@ghost only', isUser), {
      html: '<p>@ghost only</p>',
      mentions: [],
    })
  })

  test('mentions are distinct, ignoring case', ({ assert }) => {
    assert.deepEqual(mentions('@Bob @bob @BOB @carol @bob'), ['bob', 'carol'])
  })

  test(`at most ${MAX_MENTIONS} names are listed, all are highlighted`, ({ assert }) => {
    const names = Array.from({ length: 25 }, (_, i) => `user${i}`)
    const rendered = renderer.render(names.map((name) => `@${name}`).join(' '))
    assert.deepEqual(rendered.mentions, names.slice(0, MAX_MENTIONS))
    assert.lengthOf(rendered.html.match(/class="mention"/g) ?? [], 25)
  })
})

/**
 * Inputs that must come out inert: no markup beyond the allow-list, no script-capable URL
 */
const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="https://ok.example" onclick="alert(1)">x</a>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<span class="mention" style="color:red" onmouseover="alert(1)">@x</span>',
  '<b onmouseover=alert(1)>unclosed',
  '<img src=x onerror=alert(1)',
  '<<script>alert(1)//<</script>',
  '<!-- <script>alert(1)</script> -->',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](&#106;avascript:alert(1))',
  '[x](&#x6A;avascript&#x3A;alert(1))',
  '[x](javascript&colon;alert(1))',
  '[x](%6Aavascript:alert(1))',
  '[x]( javascript:alert(1))',
  '[x](<javascript:alert(1)>)',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](VBScript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x](//evil.example)',
  '[x](/relative)',
  '<javascript:alert(1)>',
  '<JAVASCRIPT:alert(1)>',
  '<data:text/html,<script>alert(1)</script>>',
  '<vbscript:msgbox(1)>',
  '![x](javascript:alert(1))',
  '![x](https://evil.example/x.png" onerror="alert(1))',
  '[x](https://ok.example "title\\" onmouseover=\\"alert(1)")',
  '[x](https://ok.example \'t" onclick="alert(1)\')',
  '[x](<https://ok.example" onclick="alert(1)>)',
  '[x](https://ok.example" onclick="alert(1))',
  '[[x](javascript:alert(1))](https://ok.example)',
  '[x]([y](javascript:alert(1)))',
  '[a](https://ok.example)[b](javascript:alert(1))',
  '**[x](javascript:alert(1))**',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '&#x3C;svg onload=alert(1)&#x3E;',
  '\\<script\\>alert(1)\\</script\\>',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '@bob" onmouseover="alert(1)',
  '@<script>alert(1)</script>',
  '[@bob](javascript:alert(1))',
  '> <img src=x onerror=alert(1)>\n- <svg onload=alert(1)>',
  'https://ok.example/"><script>alert(1)</script>',
  'mailto:x@y.example?subject=<script>',
  '<style>body{display:none}</style>',
  '<form action="https://evil.example"><input name=x></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<object data="javascript:alert(1)"></object>',
]

test.group('MarkdownMessageRenderer XSS corpus', () => {
  test('{$self} comes out inert')
    .with(XSS_CORPUS)
    .run(({ assert }, input) => {
      const output = html(input)
      assert.deepEqual(violations(output), [], output)
    })

  test('{$self} makes a search snippet of escaped text only')
    .with(XSS_CORPUS)
    .run(({ assert }, input) => {
      const terms = [{ word: 'alert', whole: false }]
      const snippet = snippetHtml(buildSnippet(renderedText(html(input)), terms, (c) => c))
      assert.notInclude(snippet.replace(/<\/?mark>/g, ''), '<', snippet)
    })

  test('the allow-list checker itself spots bad markup', ({ assert }) => {
    assert.deepEqual(
      violations(
        '<p onclick="x"><img src="y"><a href="javascript:z">a</a><span class="evil">b</span></p> <x'
      ),
      ['attribute onclick on <p>', 'tag <img>', 'href javascript:z', 'class evil', 'stray <']
    )
  })

  test('raw HTML is shown as text, exactly', ({ assert }) => {
    assert.equal(
      html('<img src=x onerror=alert(1)> <a href="https://ok.example">x</a>'),
      '<p>&lt;img src=x onerror=alert(1)&gt; &lt;a href="' +
        `<a href="https://ok.example" ${LINK}>https://ok.example</a>"&gt;x&lt;/a&gt;</p>`
    )
  })

  test('script-capable link targets leave the markdown as text, exactly', ({ assert }) => {
    assert.equal(
      html('[a](JaVaScRiPt:alert(1)) [b](&#106;avascript:alert(1)) <data:text/html,x>'),
      '<p>[a](JaVaScRiPt:alert(1)) [b](javascript:alert(1)) &lt;data:text/html,x&gt;</p>'
    )
  })

  test('a quote in a link title or target cannot add an attribute', ({ assert }) => {
    assert.equal(
      html('[x](<https://ok.example" onclick="y>)'),
      `<p><a href="https://ok.example%22%20onclick=%22y" ${LINK}>x</a></p>`
    )
  })
})

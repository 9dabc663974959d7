import type { Browser, BrowserContext, Page } from 'playwright'

/**
 * Lines kept per test: the last ones matter when a wait times out
 */
const KEPT_LINES = 200

/**
 * Keeps what a test's pages saw — failed requests, error responses, console
 * errors, page errors, WebSocket opens, closes and frame types — with the
 * milliseconds since the test started, so a browser test that fails under
 * load says what the page was doing instead of only which wait ran out.
 */
export class PageJournal {
  /** The running test's journal: contexts a test makes itself are followed too */
  static current: PageJournal | null = null

  #started = Date.now()
  #lines: string[] = []
  #pages: Page[] = []

  /** Follows every page the context opens from now on */
  follow(context: BrowserContext) {
    context.on('page', (page) => this.#followPage(page))
    context.on('weberror', (error) => this.#note(`page error: ${error.error().message}`))
    context.on('requestfailed', (request) => {
      this.#note(
        `request failed: ${request.method()} ${path(request.url())} ${request.failure()?.errorText}`
      )
    })
    context.on('response', (response) => {
      if (response.status() >= 400) {
        this.#note(`${response.status()} ${response.request().method()} ${path(response.url())}`)
      }
    })
    context.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        this.#note(`console ${message.type()}: ${message.text()}`)
      }
    })
  }

  /** The journal, oldest line first, then the visible text of each page still open */
  async report() {
    const pages = await Promise.all(this.#pages.map((page) => visibleText(page)))
    return [...this.#lines, ...pages].join('\n')
  }

  #followPage(page: Page) {
    this.#note(`page opened`)
    this.#pages.push(page)
    page.on('load', () => this.#note(`loaded ${path(page.url())}`))
    page.on('websocket', (socket) => {
      const url = path(socket.url())
      this.#note(`websocket opened ${url}`)
      socket.on('framesent', ({ payload }) => this.#note(`ws sent ${frameType(payload)}`))
      socket.on('framereceived', ({ payload }) => this.#note(`ws got ${frameType(payload)}`))
      socket.on('socketerror', (error) => this.#note(`websocket error ${url}: ${error}`))
      socket.on('close', () => this.#note(`websocket closed ${url}`))
    })
  }

  #note(line: string) {
    this.#lines.push(`+${Date.now() - this.#started} ms ${line}`)
    if (this.#lines.length > KEPT_LINES) this.#lines.shift()
  }
}

/**
 * Makes the running test's journal follow every context `browser` creates
 */
export function journalNewContexts(browser: Browser) {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (options) => {
    const context = await newContext(options)
    PageJournal.current?.follow(context)
    return context
  }
  return browser
}

/**
 * What a page shows, shortened; nothing for a closed or stuck page
 */
async function visibleText(page: Page) {
  if (page.isClosed()) return ''
  const text = await Promise.race([
    page.evaluate(() => document.body?.innerText ?? '').catch(() => ''),
    new Promise<string>((resolve) => setTimeout(() => resolve(''), 2000)),
  ])
  return `--- ${path(page.url())} shows:\n${text.replace(/\n{2,}/g, '\n').slice(0, 1500)}`
}

function path(url: string) {
  try {
    const parsed = new URL(url)
    return parsed.pathname + parsed.search.replace(/ticket=[^&]+/, 'ticket=…')
  } catch {
    return url
  }
}

function frameType(payload: string | Buffer) {
  const text = payload.toString()
  const type = /"type":"([a-z_]+)"/.exec(text)?.[1] ?? '?'
  const room = /"room":(\d+)/.exec(text)?.[1]
  return room ? `${type} (room ${room})` : type
}

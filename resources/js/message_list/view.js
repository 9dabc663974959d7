/**
 * The room's message list as a chat, for one room shown on the page: live entries are drawn
 * with the server's markup (render.js, through `context`), day separators, groups and times
 * are laid out in the browser's time zone (layout.js: at once, after every change of the lists,
 * and every minute, so "Today" becomes "Yesterday" at midnight), and the message and room menus
 * become menu buttons (menu_button.js).
 */
import { createClock } from './timeline.ts'
import { browserTimeZone, layoutLists, rememberTimeZone } from './layout.js'
import { enhanceMenus } from './menu_button.js'

/**
 * Starts the list of room `root` (#chat); `text(key, values)` gives the chat.client texts.
 * Returns the RenderContext (render.js), `layout()` and `stop()`.
 */
export function startMessageList(root, text) {
  const lists = [root.querySelector('#older-messages'), root.querySelector('#messages')]
  const texts = JSON.parse(root.querySelector('#message-list-texts')?.textContent || '{}')
  const listText = (key, values = {}) =>
    (texts[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''))
  const locale = document.documentElement.lang
  const makeClock = () =>
    createClock(
      locale,
      browserTimeZone,
      { today: listText('today'), yesterday: listText('yesterday') },
      Date.now()
    )

  /**
   * What render.js needs (see RenderContext there)
   */
  const context = {
    me: {
      id: Number(root.dataset.userId),
      username: root.dataset.username,
      display_name: root.dataset.displayName || undefined,
    },
    moderates: root.dataset.moderates === 'true',
    messagesUrl: root.dataset.messagesUrl,
    csrfToken: document.querySelector('meta[name="csrf-token"]')?.content ?? '',
    clock: makeClock(),
    locale,
    text,
    listText,
  }

  const layout = () => layoutLists(lists, context.clock)

  rememberTimeZone()
  enhanceMenus(root)
  layout()
  // The unread divider moves too (read_marker.js): lay out again after any change of the lists
  const observer = new MutationObserver(layout)
  for (const list of lists) observer.observe(list, { childList: true })
  const timer = setInterval(() => {
    context.clock = makeClock()
    layout()
  }, 60_000)

  return {
    context,
    layout,
    stop() {
      observer.disconnect()
      clearInterval(timer)
    },
  }
}

/**
 * The room page's message list: draws live entries with the server's markup (render.js), keeps
 * day separators, groups and times laid out in the browser's time zone (layout.js, every minute
 * too, so "Today" becomes "Yesterday" at midnight), turns the message and room menus into menu
 * buttons (menu_button.js) and scrolls the middle pane.
 */
import { createClock } from './timeline.ts'
import { browserTimeZone, layoutLists, rememberTimeZone } from './layout.js'
import { renderMessage } from './render.js'
import { enhanceMenus } from './menu_button.js'

/**
 * How close to the bottom (px) still counts as reading the newest messages
 */
const NEAR_BOTTOM = 200

/**
 * The view of the message list in `root` (#chat); `text(key, values)` gives the chat.client
 * texts. Lays the lists out at once.
 */
export function createMessageListView(root, text) {
  const lists = [document.getElementById('older-messages'), document.getElementById('messages')]
  const scroller = document.getElementById('message-scroller')
  const texts = JSON.parse(document.getElementById('message-list-texts')?.textContent || '{}')
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
    me: { id: Number(root.dataset.userId), username: root.dataset.username },
    ownerId: root.dataset.ownerId ? Number(root.dataset.ownerId) : null,
    messagesUrl: root.dataset.messagesUrl,
    csrfToken: document.querySelector('meta[name="csrf-token"]')?.content ?? '',
    clock: makeClock(),
    locale,
    text,
    listText,
  }

  function layout() {
    layoutLists(lists, context.clock)
  }

  rememberTimeZone()
  enhanceMenus(root)
  layout()
  // The unread divider moves too (read_marker.js): lay out again after any change of the lists
  const observer = new MutationObserver(layout)
  for (const list of lists) observer.observe(list, { childList: true })
  setInterval(() => {
    context.clock = makeClock()
    layout()
  }, 60_000)

  return {
    context,
    /**
     * Lays the lists out again after messages were added or removed
     */
    layout,
    /**
     * A new item for `message` (a `message` frame), not yet in a list
     */
    render: (message) => renderMessage(message, false, context),
    /**
     * Whether the reader is at (or near) the newest message
     */
    isNearBottom: () =>
      scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - NEAR_BOTTOM,
    /**
     * Scrolls to the newest message
     */
    scrollToBottom: () => scroller.scrollTo(0, scroller.scrollHeight),
    /**
     * Runs `change` (which adds content above the reader's position) without moving what they see
     */
    keepPosition(change) {
      const heightBefore = scroller.scrollHeight
      change()
      scroller.scrollBy(0, scroller.scrollHeight - heightBefore)
    },
  }
}

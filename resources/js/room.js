/**
 * The room page (protocol: chat-service/PROTOCOL.md). One chat socket carries every room the
 * page shows: the room in #chat runs as a room session (chat/room_session.js) with its read
 * marker and jump bars; clicking another room swaps it in without a reload
 * (chat/room_switcher.js) on the same socket. The page opens at the first unread message,
 * else at the newest; files go up from its composer (attachments.js). Message times ("5 minutes ago") are rewritten once a minute. The socket
 * says when the page is away (people/activity.js) so others see the person away.
 *
 * Hooks for other modules, as DOM events: `chat:entry` (a live entry of the log) and
 * `chat:message` ({seq, mine}) on #chat, `chat:room-switched` ({roomId, url}) on document.
 */
import { timeAgo } from './relative_time.js'
import { readTexts } from './chat/texts.js'
import { createChatSocket } from './chat/chat_socket.js'
import { createRoomSession } from './chat/room_session.js'
import { createReadMarker } from './chat/read_marker.js'
import { createJumpBars } from './chat/jump_bars.js'
import { createScroller } from './chat/scroller.js'
import { createRoomSwitcher } from './chat/room_switcher.js'
import { watchActivity } from './people/activity.js'
import { startUploads } from './attachments.js'

const first = document.getElementById('chat')
if (first) startRoomPage(first)

function startRoomPage(root) {
  // The page itself picks where a room opens (first unread, else latest), also on reload
  history.scrollRestoration = 'manual'
  let text = readTexts(root)
  let room = null
  const socket = createChatSocket({
    ticketUrl: root.dataset.ticketUrl,
    onStatus: (key) => room?.session?.connectionStatus(key),
    onOpen(send) {
      if (activity.state === 'away') send({ type: 'status', state: 'away' })
    },
  })
  const activity = watchActivity((state) => socket.send({ type: 'status', state }))
  refreshTimes()
  setInterval(refreshTimes, 60_000)
  room = enter(root)
  createRoomSwitcher({
    leave: () => room.stop(),
    enter: (next) => {
      text = readTexts(next)
      room = enter(next)
      refreshTimes()
    },
  })

  /**
   * Starts the room shown in `root`: live (session, jump bars) on its latest page, else just
   * says older messages are shown; the read marker in both cases
   */
  function enter(shown) {
    const scroller = createScroller(shown.querySelector('#messages'))
    const stopReadMarker = createReadMarker(shown, scroller)
    startUploads(shown)
    if (shown.dataset.live !== 'true') {
      shown.querySelector('#chat-status').textContent = text('viewing_older')
      return { session: null, stop: stopReadMarker }
    }
    const session = createRoomSession({ root: shown, socket, text })
    const divider = shown.querySelector('#unread-divider')
    if (divider) scroller.toElement(divider)
    else scroller.toBottom()
    const stopJumpBars = createJumpBars({ root: shown, scroller, text })
    return {
      session,
      stop() {
        session.dispose()
        stopJumpBars()
        stopReadMarker()
      },
    }
  }
}

/**
 * Rewrites every message time ("5 minutes ago") in the page's language
 */
function refreshTimes() {
  const locale = document.documentElement.lang
  for (const time of document.querySelectorAll('.message time')) {
    const label = timeAgo(new Date(time.dateTime), locale)
    if (time.textContent !== label) time.textContent = label
  }
}

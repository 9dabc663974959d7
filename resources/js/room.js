/**
 * The room page (protocol: chat-service/PROTOCOL.md). One chat socket carries every room the
 * page shows: the room in #chat runs as a room session (chat/room_session.js) with its read
 * marker and jump bars; clicking another room swaps it in without a reload
 * (chat/room_switcher.js) on the same socket. The page opens at the first unread message,
 * else at the newest; files go up from its composer (attachments.js). The message list is laid
 * out as a chat (message_list/view.js) and the members pane toggles (members_pane.js). The
 * socket says when the page is away (people/activity.js) so others see the person away.
 *
 * Hooks for other modules, as DOM events: `chat:entry` (a live entry of the log) and
 * `chat:message` ({seq, mine}) on #chat, `chat:room-switched` ({roomId, url}) on document.
 */
import { readTexts } from './chat/texts.js'
import { createChatSocket } from './chat/chat_socket.js'
import { createRoomSession } from './chat/room_session.js'
import { createReadMarker } from './chat/read_marker.js'
import { createJumpBars } from './chat/jump_bars.js'
import { createScroller } from './chat/scroller.js'
import { createRoomSwitcher } from './chat/room_switcher.js'
import { watchActivity } from './people/activity.js'
import { startUploads } from './attachments.js'
import { startMessageList } from './message_list/view.js'
import { startMembersPane } from './members_pane.js'

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
  room = enter(root)
  createRoomSwitcher({
    leave: () => room.stop(),
    enter: (next) => {
      text = readTexts(next)
      room = enter(next)
    },
  })

  /**
   * Starts the room shown in `root`: live (session, jump bars) on its latest page, else just
   * says older messages are shown; the read marker in both cases
   */
  function enter(shown) {
    const scroller = createScroller(shown.querySelector('#messages'))
    const messageList = startMessageList(shown, text)
    const stopMembersPane = startMembersPane(shown)
    let session = null
    const stopReadMarker = createReadMarker(shown, scroller, (seq) => session?.markRead(seq))
    startUploads(shown)
    if (shown.dataset.live !== 'true') {
      shown.querySelector('#chat-status').textContent = text('viewing_older')
      return {
        session: null,
        stop() {
          stopReadMarker()
          stopMembersPane()
          messageList.stop()
        },
      }
    }
    session = createRoomSession({ root: shown, socket, text, messageList })
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
        stopMembersPane()
        messageList.stop()
      },
    }
  }
}

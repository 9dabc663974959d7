/**
 * One WebSocket for every room open on the page (chat-service/PROTOCOL.md).
 *
 * - connects on the first `open(room)`, with a ticket fetched from `ticketUrl`;
 * - reconnects with capped exponential backoff and jitter (reconnect_delay.ts), and joins
 *   every open room again from the `since` it gives (the newest seq it shows);
 * - joins with `batch: true`: a catch-up comes in `replay` frames, whose entries go to
 *   the room as the `message` frames they are;
 * - hands each frame to the room it names; `error` frames and frames without a room go to
 *   every open room, which picks those about it;
 * - `onStatus(key)` hears `connecting`, `reconnecting`, `connection_lost` and `session_ended`
 *   (keys of the page's texts); after `session_ended` it stops;
 * - `onOpen(send)` may send frames first on each new connection (before the joins).
 */
import { reconnectDelay } from './reconnect_delay.ts'

/**
 * `ticketUrl`: where a ticket for the socket comes from; `onStatus(key)`: connection news;
 * `onOpen(send)`: frames to send first on each connection
 */
export function createChatSocket({ ticketUrl, onStatus, onOpen = () => {} }) {
  /** room id → { since(): number, onFrame(frame) } */
  const rooms = new Map()
  const joined = new Set()
  let socket = null
  let connecting = false
  let retries = 0
  let stopped = false
  let opened = 0

  async function connect() {
    connecting = true
    onStatus(retries === 0 ? 'connecting' : 'reconnecting')
    let ticket
    try {
      const response = await fetch(ticketUrl, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      })
      if (response.status === 401 || response.redirected) {
        stopped = true
        connecting = false
        onStatus('session_ended')
        return
      }
      if (!response.ok) throw new Error(`ticket ${response.status}`)
      ticket = await response.json()
    } catch {
      return scheduleReconnect()
    }
    const url = new URL(ticket.url, window.location.href)
    url.searchParams.set('ticket', ticket.ticket)
    socket = new WebSocket(url)
    opened += 1
    socket.addEventListener('open', () => {
      connecting = false
      onOpen(send)
      for (const [roomId, room] of rooms) join(roomId, room)
    })
    socket.addEventListener('message', (event) => route(event.data))
    socket.addEventListener('close', (event) => {
      socket = null
      connecting = false
      joined.clear()
      if (!stopped) scheduleReconnect(event.code)
    })
  }

  function scheduleReconnect(code) {
    connecting = true
    const delay = reconnectDelay(retries, code)
    retries += 1
    onStatus('connection_lost')
    setTimeout(connect, delay)
  }

  function route(data) {
    let frame
    try {
      frame = JSON.parse(data)
    } catch {
      return
    }
    if (frame.type === 'replay') {
      // A catch-up in one frame (join with batch): its entries are the message frames
      for (const message of frame.messages) rooms.get(frame.room)?.onFrame(message)
      return
    }
    if (frame.type === 'joined') {
      joined.add(frame.room)
      retries = 0
    } else if (['left', 'room_deleted', 'room_access_revoked'].includes(frame.type)) {
      joined.delete(frame.room)
    }
    if (frame.room !== undefined && frame.type !== 'error') rooms.get(frame.room)?.onFrame(frame)
    else for (const room of [...rooms.values()]) room.onFrame(frame)
  }

  function join(roomId, room) {
    send({ type: 'join', room: roomId, since: room.since(), batch: true })
  }

  function send(frame) {
    if (socket?.readyState !== WebSocket.OPEN) return false
    socket.send(JSON.stringify(frame))
    return true
  }

  return {
    /**
     * Follows a room: `since()` gives the newest seq shown, `onFrame(frame)` gets its frames
     */
    open(roomId, room) {
      rooms.set(roomId, room)
      if (socket?.readyState === WebSocket.OPEN) join(roomId, room)
      else if (!socket && !connecting && !stopped) connect()
    },

    /** Stops following a room (sends `leave` when it was joined) */
    close(roomId) {
      rooms.delete(roomId)
      if (joined.delete(roomId)) send({ type: 'leave', room: roomId })
    },

    /** Sends a frame; false when the socket is not open */
    send,

    /** Whether the server confirmed the room's `join` on the current socket */
    isJoined(roomId) {
      return joined.has(roomId)
    },

    /** How many WebSockets this page opened so far (one, unless the connection dropped) */
    get connections() {
      return opened
    },
  }
}

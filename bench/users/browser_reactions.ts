/*
| What a signed-in page's scripts fetch when live events arrive, as one
| browser tab does (each constant and rule is the script's own):
|
| - resources/js/sidebar_live.js: a `room_activity` with a new message
|   (`last_activity_at`) in a room of the sidebar, a `read` of one, a
|   membership or a new room → GET /sidebar and GET /sidebar/direct, debounced
|   300 ms; then `sidebar:refreshed`;
| - resources/js/notifications.js: a `notification` or a `read` event, or
|   `sidebar:refreshed` → GET /notifications/unread, debounced 500 ms;
| - resources/js/chat/read_marker.js: each new message in the open room of a
|   visible tab → POST /rooms/:id/read, debounced 500 ms.
*/

/** A Transmit event's payload, as the page's scripts read it */
export type LiveEvent = {
  type: string
  room?: number | { id: number; last_activity_at?: string | null }
}

const SIDEBAR_DEBOUNCE_MS = 300
const NOTIFICATIONS_DEBOUNCE_MS = 500
const READ_DEBOUNCE_MS = 500

/**
 * One tab's reactions to its live events; `listed` says whether a room is in
 * its sidebar, `get` and `markRead` make the requests
 */
export class BrowserReactions {
  #timers = new Map<string, NodeJS.Timeout>()

  constructor(
    private readonly deps: {
      listed(room: number): boolean
      get(path: string): Promise<unknown>
      markRead(): Promise<unknown>
      onError(error: unknown): void
    }
  ) {}

  /**
   * An event of the `lobby` channel or of the user's own channel
   */
  onLiveEvent(event: LiveEvent) {
    if (this.#concernsSidebar(event)) {
      this.#debounce('sidebar', SIDEBAR_DEBOUNCE_MS, async () => {
        await Promise.all([this.deps.get('/sidebar'), this.deps.get('/sidebar/direct')])
        this.#refreshNotifications()
      })
    }
    if (event.type === 'notification' || event.type === 'read') {
      this.#refreshNotifications()
    }
  }

  /**
   * A new message in the room the tab shows
   */
  onRoomMessage() {
    this.#debounce('read', READ_DEBOUNCE_MS, () => this.deps.markRead())
  }

  /**
   * Cancels every pending reaction (the tab closes)
   */
  stop() {
    for (const timer of this.#timers.values()) {
      clearTimeout(timer)
    }
    this.#timers.clear()
  }

  #refreshNotifications() {
    this.#debounce('notifications', NOTIFICATIONS_DEBOUNCE_MS, () =>
      this.deps.get('/notifications/unread')
    )
  }

  #concernsSidebar(event: LiveEvent) {
    const roomId = typeof event.room === 'number' ? event.room : event.room?.id
    const listed = roomId !== undefined && this.deps.listed(roomId)
    switch (event.type) {
      case 'membership':
      case 'room_created':
        return true
      case 'room_deleted':
      case 'room_updated':
      case 'read':
        return listed
      case 'room_activity':
        return typeof event.room === 'object' && Boolean(event.room.last_activity_at) && listed
      default:
        return false
    }
  }

  #debounce(name: string, ms: number, work: () => Promise<unknown>) {
    clearTimeout(this.#timers.get(name))
    this.#timers.set(
      name,
      setTimeout(() => {
        this.#timers.delete(name)
        work().catch((error) => this.deps.onError(error))
      }, ms)
    )
  }
}

/**
 * Splits a server-sent event stream into Transmit's payloads: feed it the
 * text as it arrives; each complete event's `{ channel, payload }` goes to
 * `onEvent` (Transmit's pings are left out)
 */
export function transmitEventParser(onEvent: (channel: string, payload: LiveEvent) => void) {
  let buffered = ''
  return (text: string) => {
    buffered += text
    let end = buffered.indexOf('\n\n')
    while (end !== -1) {
      const block = buffered.slice(0, end)
      buffered = buffered.slice(end + 2)
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n')
      if (data) {
        const { channel, payload } = JSON.parse(data) as { channel: string; payload: LiveEvent }
        if (!channel.startsWith('$$transmit/')) {
          onEvent(channel, payload)
        }
      }
      end = buffered.indexOf('\n\n')
    }
  }
}

/*
| What a signed-in page's scripts fetch when live events arrive, as one
| browser tab does (each constant and rule is the script's own):
|
| - resources/js/sidebar_live.js: a `read` of a room of the sidebar other
|   than the one shown, a membership or a new room → GET /sidebar and
|   GET /sidebar/direct, debounced 300 ms; a `room_activity` with a new
|   message (`last_activity_at`) in such a room → the same, at once and then
|   at most every 5 s; then `sidebar:refreshed`;
|
| Both throttles are the pages' own (resources/js/throttle.js).
| - resources/js/notifications.js: a `notification` or a `read` event, or
|   `sidebar:refreshed` → GET /notifications/unread, at once and then at most
|   every 5 s;
| - resources/js/chat/read_marker.js: each new message in the open room of a
|   visible tab → POST /rooms/:id/read, debounced 500 ms.
*/

import { throttle } from '#client/throttle'

/** A Transmit event's payload, as the page's scripts read it */
export type LiveEvent = {
  type: string
  room?: number | { id: number; last_activity_at?: string | null }
}

const SIDEBAR_DEBOUNCE_MS = 300
const THROTTLE_MS = 5000
const READ_DEBOUNCE_MS = 500

/**
 * One tab's reactions to its live events; `listed` says whether a room is in
 * its sidebar, `shown` which room the tab shows, `get` and `markRead` make
 * the requests
 */
export class BrowserReactions {
  #timers = new Map<string, NodeJS.Timeout>()
  #stopped = false
  #refreshForActivity: () => void
  #refreshNotifications: () => void

  constructor(
    private readonly deps: {
      listed(room: number): boolean
      shown(): number
      get(path: string): Promise<unknown>
      markRead(): Promise<unknown>
      onError(error: unknown): void
      /** The throttles' window; tests shorten it */
      throttleMs?: number
    }
  ) {
    const windowMs = deps.throttleMs ?? THROTTLE_MS
    this.#refreshForActivity = throttle(() => this.#run(() => this.#refreshSidebar()), windowMs)
    this.#refreshNotifications = throttle(
      () => this.#run(() => this.deps.get('/notifications/unread')),
      windowMs
    )
  }

  /**
   * An event of the `lobby` channel or of the user's own channel
   */
  onLiveEvent(event: LiveEvent) {
    if (this.#changesLists(event)) {
      this.#debounce('sidebar', SIDEBAR_DEBOUNCE_MS, () => this.#refreshSidebar())
    } else if (this.#isActivityElsewhere(event)) {
      this.#refreshForActivity()
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
    this.#stopped = true
    for (const timer of this.#timers.values()) {
      clearTimeout(timer)
    }
    this.#timers.clear()
  }

  async #refreshSidebar() {
    await Promise.all([this.deps.get('/sidebar'), this.deps.get('/sidebar/direct')])
    this.#refreshNotifications()
  }

  /** Runs a request unless the tab closed; a failure counts as an error */
  #run(work: () => Promise<unknown>) {
    if (!this.#stopped) {
      work().catch((error) => this.deps.onError(error))
    }
  }

  #changesLists(event: LiveEvent) {
    switch (event.type) {
      case 'membership':
      case 'room_created':
        return true
      case 'room_deleted':
      case 'room_updated':
        return this.#listed(event)
      case 'read':
        return this.#listed(event) && this.#roomOf(event) !== this.deps.shown()
      default:
        return false
    }
  }

  #isActivityElsewhere(event: LiveEvent) {
    return (
      event.type === 'room_activity' &&
      typeof event.room === 'object' &&
      Boolean(event.room.last_activity_at) &&
      this.#listed(event) &&
      event.room.id !== this.deps.shown()
    )
  }

  #roomOf(event: LiveEvent) {
    return typeof event.room === 'number' ? event.room : event.room?.id
  }

  #listed(event: LiveEvent) {
    const room = this.#roomOf(event)
    return room !== undefined && this.deps.listed(room)
  }

  #debounce(name: string, ms: number, work: () => Promise<unknown>) {
    clearTimeout(this.#timers.get(name))
    this.#timers.set(
      name,
      setTimeout(() => {
        this.#timers.delete(name)
        this.#run(work)
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

/*
| What a signed-in page's scripts fetch when live events arrive, as one
| browser tab does (each constant and rule is the script's own):
|
| - resources/js/unread_counts.js: GET /notifications/unread when the page
|   opens (start()), then the unread counts are counted from the
|   `notification`, `read` and `message_deleted` events
|   (resources/js/unread_tally.ts, the pages' own code) and fetched again,
|   debounced 300 ms, only when a read or a deleted message is within what
|   the figures cover, or when the sidebar's lists change;
| - resources/js/sidebar_live.js: a membership, a new room, or a listed room
|   renamed or deleted → GET /sidebar and GET /sidebar/direct (and the
|   counts), debounced 300 ms; messages fetch nothing;
| - resources/js/chat/read_marker.js: new messages in the open room of a
|   visible tab → POST /rooms/:id/read, half a second after the first of a
|   burst, then at most every five seconds (resources/js/chat/mark_schedule.ts,
|   the page's own schedule).
|
| The simulated tab is never hidden and its stream is never re-opened, so
| the pages' other triggers (shown again, reconnected) do not occur.
*/

import { UnreadTally, type RoomFigures } from '#client/unread_tally'
import { createMarkSchedule } from '#client/chat/mark_schedule'

/** A Transmit event's payload, as the page's scripts read it */
export type LiveEvent = {
  type: string
  room?: number | { id: number }
  seq?: number
  reason?: string
}

const REFRESH_DEBOUNCE_MS = 300

/**
 * One tab's reactions to its live events; `listed` says whether a room is in
 * its sidebar; `get` makes the requests, `markRead` marks the shown room (a socket frame)
 */
export class BrowserReactions {
  #timers = new Map<string, NodeJS.Timeout>()
  #stopped = false
  #tally = new UnreadTally()
  #marks = createMarkSchedule(() => {
    this.#run(() => this.deps.markRead())
    return true
  })

  constructor(
    private readonly deps: {
      listed(room: number): boolean
      get(path: string): Promise<unknown>
      markRead(): Promise<unknown>
      onError(error: unknown): void
    }
  ) {}

  /**
   * The page opened: its counts are fetched
   */
  start() {
    this.#run(() => this.#loadCounts())
  }

  /**
   * An event of the `lobby` channel or of the user's own channel
   */
  onLiveEvent(event: LiveEvent) {
    if (this.#changesLists(event)) {
      this.#debounce('sidebar', () =>
        Promise.all([this.deps.get('/sidebar'), this.deps.get('/sidebar/direct')])
      )
      this.#debounce('counts', () => this.#loadCounts())
    } else if (event.type === 'notification') {
      this.#tally.notified(this.#roomOf(event)!, event.seq!, event.reason === 'mention')
    } else if (event.type === 'read' && !this.#tally.read(this.#roomOf(event)!, event.seq!)) {
      this.#debounce('counts', () => this.#loadCounts())
    } else if (
      event.type === 'message_deleted' &&
      !this.#tally.deleted(this.#roomOf(event)!, event.seq!)
    ) {
      this.#debounce('counts', () => this.#loadCounts())
    }
  }

  /**
   * A new message in the room the tab shows
   */
  onRoomMessage() {
    this.#marks.schedule()
  }

  /**
   * The count the tab's title shows
   */
  total() {
    return this.#tally.total()
  }

  /**
   * Cancels every pending reaction (the tab closes)
   */
  stop() {
    this.#stopped = true
    this.#marks.cancel()
    for (const timer of this.#timers.values()) {
      clearTimeout(timer)
    }
    this.#timers.clear()
  }

  async #loadCounts() {
    const body = (await this.deps.get('/notifications/unread')) as {
      data: { rooms: RoomFigures[] }
    }
    this.#tally.load(body.data.rooms)
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
      default:
        return false
    }
  }

  #roomOf(event: LiveEvent) {
    return typeof event.room === 'number' ? event.room : event.room?.id
  }

  #listed(event: LiveEvent) {
    const room = this.#roomOf(event)
    return room !== undefined && this.deps.listed(room)
  }

  #debounce(name: string, work: () => Promise<unknown>, ms = REFRESH_DEBOUNCE_MS) {
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

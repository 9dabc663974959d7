import { randomUUID } from 'node:crypto'
import { WebSocket } from 'ws'
import { CHAT_WORDS } from '#database/factories/chat_words'
import { ApiClient } from '../stack/api_client.js'
import { idleMs, pickAction, type IdleTiming, type UserAction } from './action_mix.js'
import { BrowserReactions, transmitEventParser } from './browser_reactions.js'

/**
 * What the users of one generator process measured since the last collection
 */
export type UserStats = {
  /** Form logins (scrypt is slow on purpose; reported apart from pages) */
  loginMs: number[]
  pageMs: number[]
  /** Requests the page's scripts made on their own (browser_reactions.ts), also in pageMs */
  reactions: number
  deliveryMs: number[]
  errors: number
  dropped: number
  actions: number
  /** A few error messages, for the report */
  errorSamples: string[]
}

/**
 * Where and how the simulated users work
 */
export type UserSettings = {
  baseUrl: string
  password: string
  rooms: number[]
  idle: IdleTiming
}

/** Client ids of simulated messages: `cap.<sent at, epoch ms>.<random>` */
const CLIENT_ID_PREFIX = 'cap.'
const HISTORY_LIMIT = 50
const RECONNECT_MS = 1000

/**
 * Fresh, empty statistics
 */
export function emptyStats(): UserStats {
  return {
    loginMs: [],
    pageMs: [],
    reactions: 0,
    deliveryMs: [],
    errors: 0,
    dropped: 0,
    actions: 0,
    errorSamples: [],
  }
}

/**
 * One simulated user as a browser drives the app: form login, the lobby
 * page with its Transmit stream, one chat WebSocket for the current room,
 * then the action mix (action_mix.ts) with idle pauses until stopped, while
 * the page's scripts react to live events as a browser's do
 * (browser_reactions.ts; the user is a member of every room, all listed in
 * its sidebar). Every page and JSON request is timed; a message another
 * user sent is timed from its send (the time travels in its client id) to
 * its arrival.
 */
export class SimulatedUser {
  #cookie = ''
  #userId = 0
  #room = 0
  /** Whether the tab shows a room page, where a room switch fetches only the room's region */
  #onRoomPage = false
  #lastSeq = 0
  #socket: WebSocket | null = null
  #stream = new AbortController()
  /** The stream's Transmit uid, once its first channels are subscribed */
  #streamUid: Promise<string> | null = null
  /** Whether the tab shows the lobby, whose script follows the rooms' activity */
  #onLobby = false
  #stopped = false
  #timer: NodeJS.Timeout | null = null
  #reactions = new BrowserReactions({
    listed: (room) => this.settings.rooms.includes(room),
    get: (path) => {
      this.stats().reactions++
      return path.startsWith('/sidebar') ? this.#page(path) : this.#json(path)
    },
    // The page marks on its chat socket (read_marker.js): a frame, not a request
    markRead: async () => this.#markRead(),
    onError: (error) => this.#error(error),
  })

  constructor(
    private readonly username: string,
    private readonly settings: UserSettings,
    private readonly stats: () => UserStats
  ) {}

  /**
   * Logs in, opens the lobby, its stream and the socket, then acts until stopped
   */
  async start() {
    try {
      const started = performance.now()
      this.#cookie = await new ApiClient(this.settings.baseUrl).signIn(
        this.username,
        this.settings.password
      )
      this.stats().loginMs.push(performance.now() - started)
      await this.#page('/rooms')
      await this.#switchRoom()
      this.#openStream()
      this.#reactions.start()
      await this.#connect()
    } catch (error) {
      this.#error(error)
    }
    this.#schedule()
  }

  /**
   * Stops acting and closes the socket and the stream
   */
  stop() {
    this.#stopped = true
    if (this.#timer) {
      clearTimeout(this.#timer)
    }
    this.#stream.abort()
    this.#socket?.terminate()
    this.#reactions.stop()
  }

  #schedule() {
    if (this.#stopped) {
      return
    }
    this.#timer = setTimeout(
      async () => {
        await this.#act(pickAction(Math.random())).catch((error) => this.#error(error))
        this.#schedule()
      },
      idleMs(Math.random(), this.settings.idle)
    )
  }

  async #act(action: UserAction) {
    this.stats().actions++
    switch (action) {
      case 'switchRoom':
        return this.#switchRoom()
      case 'readHistory':
        return this.#readHistory()
      case 'checkUnread':
        return this.#json('/rooms/unread')
      case 'send':
        return this.#send()
      case 'openLobby':
        this.#onRoomPage = false
        await this.#page('/rooms')
        return this.#showLobby(true)
      case 'markRead':
        return this.#markRead()
      case 'search':
        this.#onRoomPage = false
        await this.#showLobby(false)
        return this.#page(`/search?q=${encodeURIComponent(searchWord())}`)
    }
  }

  /**
   * The tab shows the lobby or leaves it: the lobby page's script follows the
   * rooms' activity channels (resources/js/lobby.js), the other pages do not
   */
  async #showLobby(shown: boolean) {
    if (this.#onLobby === shown || !this.#streamUid) {
      return
    }
    this.#onLobby = shown
    const uid = await this.#streamUid
    for (const channel of ['lobby/activity', `users/${this.#userId}/activity`]) {
      await this.#json(shown ? '/__transmit/subscribe' : '/__transmit/unsubscribe', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uid, channel }),
      })
    }
  }

  async #switchRoom() {
    await this.#showLobby(false)
    const others = this.settings.rooms.filter((room) => room !== this.#room)
    const next = others[Math.floor(Math.random() * others.length)] ?? this.#room
    // From a room page the switch swaps the room in place (room_switcher.js), elsewhere it loads the page
    const html = await this.#page(
      `/rooms/${next}`,
      this.#onRoomPage ? { 'x-page-region': 'chat' } : {}
    )
    this.#onRoomPage = true
    this.#userId = Number(/data-user-id="(\d+)"/.exec(html)?.[1] ?? this.#userId)
    if (this.#room) {
      this.#frame({ type: 'leave', room: this.#room })
    }
    this.#room = next
    this.#lastSeq = 0
    this.#frame({ type: 'join', room: next })
  }

  /**
   * Scrolls back: the page of messages before the newest one seen
   */
  #readHistory() {
    if (this.#lastSeq > 1) {
      this.#frame({
        type: 'history',
        room: this.#room,
        before: this.#lastSeq,
        limit: HISTORY_LIMIT,
      })
    }
  }

  #send() {
    this.#frame({ type: 'typing', room: this.#room })
    const clientId = `${CLIENT_ID_PREFIX}${Date.now()}.${randomUUID().slice(0, 8)}`
    const text = Array.from({ length: 3 + Math.floor(Math.random() * 10) }, word).join(' ')
    this.#frame({ type: 'send', room: this.#room, client_id: clientId, text })
  }

  /**
   * Marks the room read up to the newest message seen, on the socket as the page does
   */
  #markRead() {
    if (this.#lastSeq > 0) {
      this.#frame({ type: 'read', room: this.#room, seq: this.#lastSeq })
    }
  }

  /**
   * Opens the room page's Transmit stream and subscribes to what its scripts
   * follow: the lobby and the user's own channel (the sidebar), and people's
   * presence (the members pane's dots); counts a drop when it ends before
   * `stop()`
   */
  #openStream() {
    const uid = randomUUID()
    const base = this.settings.baseUrl
    const headers = { cookie: this.#cookie }
    let subscribed: () => void = () => {}
    this.#streamUid = new Promise((resolve) => (subscribed = () => resolve(uid)))
    fetch(`${base}/__transmit/events?uid=${uid}`, {
      headers: { ...headers, accept: 'text/event-stream' },
      signal: this.#stream.signal,
    })
      .then(async (response) => {
        if (response.status !== 200) {
          throw new Error(`event stream: HTTP ${response.status}`)
        }
        for (const channel of ['lobby', `users/${this.#userId}`, 'presence']) {
          await this.#json('/__transmit/subscribe', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ uid, channel }),
          })
        }
        subscribed()
        const reader = response.body!.getReader()
        const decoder = new TextDecoder()
        const parse = transmitEventParser((_channel, payload) => {
          if (!this.#stopped) this.#reactions.onLiveEvent(payload)
        })
        let chunk = await reader.read()
        while (!chunk.done) {
          parse(decoder.decode(chunk.value, { stream: true }))
          chunk = await reader.read()
        }
        if (!this.#stopped) {
          this.stats().dropped++
        }
      })
      .catch((error) => {
        subscribed()
        if (!this.#stopped) {
          this.#error(error)
          this.stats().dropped++
        }
      })
  }

  async #connect() {
    const { ticket, url } = (await this.#json('/chat/ticket')) as { ticket: string; url: string }
    const address = new URL(url, this.settings.baseUrl)
    address.searchParams.set('ticket', ticket)
    const socket = new WebSocket(address, { perMessageDeflate: false })
    this.#socket = socket
    await new Promise<void>((resolve, reject) => {
      socket.once('open', resolve)
      socket.once('error', reject)
    })
    socket.on('message', (data: Buffer) => this.#receive(data.toString()))
    socket.on('error', () => {})
    socket.once('close', () => {
      if (this.#stopped) {
        return
      }
      this.stats().dropped++
      setTimeout(() => this.#connect().catch((error) => this.#error(error)), RECONNECT_MS)
    })
    this.#frame({ type: 'join', room: this.#room })
  }

  #receive(raw: string) {
    const frame = JSON.parse(raw)
    if (frame.type === 'message' && frame.room === this.#room) {
      this.#lastSeq = Math.max(this.#lastSeq, frame.seq)
      this.#reactions.onRoomMessage()
      const clientId: string | null = frame.client_id
      if (clientId?.startsWith(CLIENT_ID_PREFIX) && frame.user.id !== this.#userId) {
        const sentAt = Number(clientId.split('.')[1])
        this.stats().deliveryMs.push(Date.now() - sentAt)
      }
    } else if (frame.type === 'joined' && frame.room === this.#room) {
      this.#lastSeq = frame.last_seq
    } else if (frame.type === 'error') {
      this.#error(new Error(`chat error frame ${frame.code}: ${frame.message}`))
    }
  }

  #frame(frame: Record<string, unknown>) {
    if (this.#socket?.readyState === WebSocket.OPEN) {
      this.#socket.send(JSON.stringify(frame))
    }
  }

  #page(path: string, headers: Record<string, string> = {}) {
    return this.#request(path, { headers: { accept: 'text/html', ...headers } }, (response) =>
      response.text()
    )
  }

  #json(path: string, init: RequestInit = {}) {
    return this.#request(
      path,
      { ...init, headers: { accept: 'application/json', ...init.headers } },
      (response) => (response.status === 204 ? Promise.resolve(null) : response.json())
    )
  }

  /**
   * Requests `path` with the session cookie and reads the answer, timed
   * until its last byte; a redirect or an error status throws
   */
  #request<T>(path: string, init: RequestInit, read: (response: Response) => Promise<T>) {
    return this.#timed(async () => {
      const response = await fetch(`${this.settings.baseUrl}${path}`, {
        ...init,
        redirect: 'manual',
        headers: { ...init.headers, cookie: this.#cookie },
      })
      if (response.status >= 300) {
        await response.body?.cancel()
        throw new Error(`${init.method ?? 'GET'} ${path.split('?')[0]}: HTTP ${response.status}`)
      }
      return read(response)
    })
  }

  async #timed<T>(work: () => Promise<T>) {
    const started = performance.now()
    const result = await work()
    this.stats().pageMs.push(performance.now() - started)
    return result
  }

  #error(error: unknown) {
    const stats = this.stats()
    stats.errors++
    if (stats.errorSamples.length < 5) {
      stats.errorSamples.push(error instanceof Error ? error.message : String(error))
    }
  }
}

/**
 * A word to search for or to write: English or Vietnamese, frequent ones more often
 */
function word() {
  const words = Math.random() < 0.3 ? CHAT_WORDS.vi : CHAT_WORDS.en
  return words[Math.floor(words.length * Math.random() ** 2)]
}

/**
 * A word the search accepts (3 characters or more)
 */
function searchWord(): string {
  const found = word()
  return [...found].length >= 3 ? found : searchWord()
}

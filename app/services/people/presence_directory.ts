import transmit from '@adonisjs/transmit/services/main'
import {
  systemClock,
  type ChatNode,
  type Clock,
  type Logger,
  type PresenceEvent,
} from '#chat/index'

/**
 * The Transmit channel every signed-in user may follow for people's presence
 */
export const PRESENCE_CHANNEL = 'presence'

/**
 * A person's state, as pages show it
 */
export type Presence = 'online' | 'away' | 'offline'

/**
 * A node's word about a person is forgotten this long after it was last
 * heard (nodes repeat it every 30 s; a crashed node says nothing)
 */
const NODE_WORD_TTL_MS = 90_000

/**
 * How often forgotten words are swept
 */
const SWEEP_MS = 15_000

/**
 * How long to wait before subscribing again when the bus refused
 */
const SUBSCRIBE_RETRY_MS = 5000

/**
 * Changes heard within this window go to pages together, in one event: a
 * class arriving at once costs each open page an event a second, not one
 * per person (Slack batches its presence changes alike)
 */
const ANNOUNCE_WINDOW_MS = 1000

/**
 * People per event to pages: each is about 20 bytes of JSON, so an event
 * stays far below NOTIFY's 8,000 bytes when Transmit travels over PostgreSQL
 */
const PEOPLE_PER_EVENT = 200

/**
 * What one chat node said about one person, until `expiresAt`
 */
type NodeWord = { state: 'online' | 'away'; expiresAt: number }

/**
 * Who is online, away or offline, across every chat node: follows the
 * nodes' presence events (this process's node from memory, the others over
 * the bus) and tells every signed-in page on Transmit (`presence`) when
 * people's states change, the changes of `announceWindowMs` in one event
 * (`{type: 'presence', people: [[id, state], …]}`, a person's latest state
 * once). Online on any node wins over away; nobody heard of is offline.
 */
export class PresenceDirectory {
  #words = new Map<number, Map<string, NodeWord>>()
  #sweeper: NodeJS.Timeout | null = null
  #retry: NodeJS.Timeout | null = null
  #listener = (event: PresenceEvent) => this.#receive(event)
  #changed = new Map<number, Presence>()
  #announcer: NodeJS.Timeout | null = null

  constructor(
    private readonly chat: Pick<ChatNode, 'presence'>,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
    private readonly announceWindowMs = ANNOUNCE_WINDOW_MS
  ) {}

  /**
   * Starts following the chat nodes (retrying while the bus is unreachable)
   */
  async start() {
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_MS)
    this.#sweeper.unref()
    await this.#subscribe()
  }

  /**
   * The state of person `id`
   */
  stateOf(id: number): Presence {
    const now = this.clock.now()
    const words = [...(this.#words.get(id)?.values() ?? [])]
    return stateIn(words.filter((word) => word.expiresAt > now))
  }

  /**
   * The states of the people `ids`
   */
  statesOf(ids: number[]) {
    return Object.fromEntries(ids.map((id) => [id, this.stateOf(id)]))
  }

  /**
   * Stops following the chat nodes
   */
  async close() {
    if (this.#sweeper) {
      clearInterval(this.#sweeper)
      this.#sweeper = null
    }
    if (this.#retry) {
      clearTimeout(this.#retry)
      this.#retry = null
    }
    if (this.#announcer) {
      clearTimeout(this.#announcer)
      this.#announcer = null
    }
    await this.chat.presence.unfollow(this.#listener)
  }

  async #subscribe() {
    this.#retry = null
    try {
      await this.chat.presence.follow(this.#listener)
    } catch (error) {
      this.logger.warn({ err: error }, 'presence: bus subscription failed, retrying')
      if (this.#sweeper) {
        this.#retry = setTimeout(() => this.#subscribe(), SUBSCRIBE_RETRY_MS)
        this.#retry.unref()
      }
    }
  }

  #receive(event: PresenceEvent) {
    const expiresAt = this.clock.now() + NODE_WORD_TTL_MS
    for (const [id, state] of event.presence) {
      const before = this.stateOf(id)
      const words = this.#words.get(id) ?? new Map<string, NodeWord>()
      if (state === 'offline') {
        words.delete(event.node)
      } else {
        words.set(event.node, { state, expiresAt })
      }
      if (words.size === 0) {
        this.#words.delete(id)
      } else {
        this.#words.set(id, words)
      }
      this.#announceChange(id, before)
    }
  }

  /**
   * Forgets the words of nodes that fell silent, telling pages of the
   * people whose state changed with it
   */
  #sweep() {
    const now = this.clock.now()
    for (const [id, words] of this.#words) {
      const before = stateIn(words.values())
      for (const [node, word] of words) {
        if (word.expiresAt <= now) {
          words.delete(node)
        }
      }
      if (words.size === 0) {
        this.#words.delete(id)
      }
      this.#announceChange(id, before)
    }
  }

  #announceChange(id: number, before: Presence) {
    const state = this.stateOf(id)
    if (state === before) {
      return
    }
    this.#changed.set(id, state)
    this.#announcer ??= setTimeout(() => this.#announce(), this.announceWindowMs)
  }

  #announce() {
    this.#announcer = null
    const people = [...this.#changed]
    this.#changed.clear()
    for (let start = 0; start < people.length; start += PEOPLE_PER_EVENT) {
      transmit.broadcast(PRESENCE_CHANNEL, {
        type: 'presence',
        people: people.slice(start, start + PEOPLE_PER_EVENT),
      })
    }
  }
}

/**
 * A person's state from what the nodes said: online on any node wins
 */
function stateIn(words: Iterable<NodeWord>): Presence {
  let state: Presence = 'offline'
  for (const word of words) {
    if (word.state === 'online') {
      return 'online'
    }
    state = 'away'
  }
  return state
}

import transmit from '@adonisjs/transmit/services/main'
import {
  systemClock,
  type ActivityEvent,
  type ChatNode,
  type Clock,
  type Logger,
  type RoomActivity,
} from '#chat/index'
import { activityAudienceOf } from '#services/lobby/lobby_broadcaster'

/**
 * A chat node's presence in a room is forgotten this long after its last
 * event (it sends a heartbeat every 30 s; a crashed node sends nothing)
 */
export const PRESENCE_TTL_MS = 90_000

/**
 * How often forgotten presence is swept and its rooms re-announced
 */
const SWEEP_MS = 15_000

/**
 * How long to wait before subscribing again when the bus refused
 */
const SUBSCRIBE_RETRY_MS = 5000

/**
 * How many users are online in a room on one chat node, until `expiresAt`
 */
type NodePresence = { online: number; expiresAt: number }

/**
 * The web app's live view of the rooms for the lobby: follows the chat
 * nodes' activity events (this process's node's from memory, the others' over
 * its bus), keeps how many are online per (room, node)
 * and tells lobby pages on Transmit (`room_activity`): `lobby/activity` for a
 * public room, each member's `users/<id>/activity` for a private one.
 */
export class LobbyActivity {
  #presence = new Map<number, Map<string, NodePresence>>()
  #sweeper: NodeJS.Timeout | null = null
  #retry: NodeJS.Timeout | null = null
  #listener = (event: ActivityEvent) => this.#receive(event)

  constructor(
    private readonly chat: Pick<ChatNode, 'followActivity' | 'unfollowActivity'>,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock
  ) {}

  /**
   * Starts following the chat nodes (retrying while the bus is unreachable:
   * the lobby works without live activity meanwhile)
   */
  async start() {
    this.#sweeper = setInterval(() => this.#sweep(), SWEEP_MS)
    this.#sweeper.unref()
    await this.#subscribe()
  }

  /**
   * Number of users online in `room`: the sum of the chat nodes' counts (a
   * user with sockets on two nodes at once counts on each)
   */
  online(room: number) {
    const now = this.clock.now()
    let online = 0
    for (const presence of this.#presence.get(room)?.values() ?? []) {
      if (presence.expiresAt > now) {
        online += presence.online
      }
    }
    return online
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
    await this.chat.unfollowActivity(this.#listener)
  }

  async #subscribe() {
    this.#retry = null
    try {
      await this.chat.followActivity(this.#listener)
    } catch (error) {
      this.logger.warn({ err: error }, 'lobby activity: bus subscription failed, retrying')
      if (this.#sweeper) {
        this.#retry = setTimeout(() => this.#subscribe(), SUBSCRIBE_RETRY_MS)
        this.#retry.unref()
      }
    }
  }

  #receive(event: ActivityEvent) {
    this.#record(event.room, event.activity)
    this.#announce(event.room, event.activity.at)
  }

  #record(room: number, activity: RoomActivity) {
    const nodes = this.#presence.get(room) ?? new Map<string, NodePresence>()
    if (activity.online === 0) {
      nodes.delete(activity.node)
    } else {
      nodes.set(activity.node, {
        online: activity.online,
        expiresAt: this.clock.now() + PRESENCE_TTL_MS,
      })
    }
    if (nodes.size === 0) {
      this.#presence.delete(room)
    } else {
      this.#presence.set(room, nodes)
    }
  }

  /**
   * Forgets the presence of nodes that fell silent and re-announces their rooms
   */
  #sweep() {
    const now = this.clock.now()
    for (const [room, nodes] of this.#presence) {
      const before = nodes.size
      for (const [node, presence] of nodes) {
        if (presence.expiresAt <= now) {
          nodes.delete(node)
        }
      }
      if (nodes.size === 0) {
        this.#presence.delete(room)
      }
      if (nodes.size !== before) {
        this.#announce(room, null)
      }
    }
  }

  /**
   * Broadcasts the room's state to the lobbies that may see it;
   * `lastActivityAt` is null when only presence changed
   */
  #announce(room: number, lastActivityAt: string | null) {
    const event = {
      type: 'room_activity',
      room: { id: room, last_activity_at: lastActivityAt, online: this.online(room) },
    }
    activityAudienceOf(room)
      .then((channels) => channels.forEach((channel) => transmit.broadcast(channel, event)))
      .catch((error) => this.logger.error({ err: error, room }, 'lobby activity broadcast failed'))
  }
}

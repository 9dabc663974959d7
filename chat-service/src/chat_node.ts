import { RoomHub } from './room_hub.js'
import { NodePresence } from './node_presence.js'
import { ACTIVITY_CHANNEL, SIGN_OUT_CHANNEL, type ActivityEvent, type Bus } from './bus.js'
import { DEFAULT_LIMITS, type ChatLimits } from './limits.js'
import { noopChatMetrics, type ChatMetrics } from './chat_metrics.js'
import type {
  AppendResult,
  ChangeResult,
  MessageEdit,
  MessagePin,
  MessageReaction,
  MessageRemoval,
  MessageStore,
  NewMessage,
  NewReply,
  StoredMessage,
} from './message_store.js'
import { RoomArchivedError, RoomArchives } from './room_archives.js'
import { followRoomSettings } from './room_settings_follower.js'
import type { RoomAccess } from './room_access.js'
import { MutedError, RoomMutes } from './room_mutes.js'
import type { Logger } from './logger.js'
import type { Clock } from './clock.js'
import type { ReadMark, ReadMarkers } from './read_markers.js'
import { GroupedAppends } from './grouped_appends.js'

/** Read marks written together at most */
const READ_MARKS_PER_STATEMENT = 500

/** The marks of every room share one queue (GroupedAppends groups by room) */
const ALL_ROOMS = 0

/**
 * Everything a chat node runs on; the node owns (and disconnects) the bus
 */
export type ChatNodeDeps = {
  store: MessageStore
  /** Who may see a room (the app's rule) */
  access: RoomAccess
  bus: Bus
  logger: Logger
  clock: Clock
  limits?: Partial<ChatLimits>
  /** Counters and timings (Prometheus in the app); nothing is counted without */
  metrics?: ChatMetrics
  /** Where read markers are kept (the app's); without it a socket's `read` finds no room */
  readMarkers?: ReadMarkers
}

/**
 * Receives the room activity of the chat nodes
 */
export type ActivityListener = (event: ActivityEvent) => void

/**
 * Receives the sign-ins that ended: `user`'s sockets opened with `credential` close
 */
type SignOutListener = (user: number, credential: string) => void

/**
 * Runs once a new log entry is stored, before it is fanned out (a socket's ack)
 */
type Acknowledge = (entry: AppendResult) => void

/**
 * This process's chat: one store, one bus and one hub of room feeds. Its
 * sockets (ChatServer) and the web app (HTTP) write through it, so every
 * log entry takes one path: the store, then this process's sockets from
 * memory, then a doorbell on the bus for the other nodes.
 */
export class ChatNode {
  readonly store: MessageStore
  readonly access: RoomAccess
  readonly logger: Logger
  readonly clock: Clock
  readonly limits: ChatLimits
  readonly metrics: ChatMetrics
  readonly hub: RoomHub
  /** Who is connected to this node, and whether they are active */
  readonly presence: NodePresence
  readonly #mutes: RoomMutes
  readonly #archives: RoomArchives
  readonly #bus: Bus
  readonly #readMarks: GroupedAppends<ReadMark, number | null> | null
  #signOutListeners = new Set<SignOutListener>()

  constructor(deps: ChatNodeDeps) {
    this.store = deps.store
    this.access = deps.access
    this.logger = deps.logger
    this.clock = deps.clock
    this.limits = { ...DEFAULT_LIMITS, ...deps.limits }
    this.metrics = deps.metrics ?? noopChatMetrics
    this.#bus = deps.bus
    const readMarkers = deps.readMarkers
    this.#readMarks = readMarkers
      ? new GroupedAppends((_, marks) => readMarkers.markMany(marks), READ_MARKS_PER_STATEMENT)
      : null
    this.#mutes = new RoomMutes(deps.access, deps.clock)
    this.#archives = new RoomArchives(deps.access, deps.clock)
    this.hub = new RoomHub({
      onMuteChanged: (room, user, until) => this.#mutes.learn(room, user, until),
      onSettingsChanged: followRoomSettings(this.#archives, deps.access, deps.logger),
      store: this.store,
      logger: this.logger,
      clock: this.clock,
      limits: this.limits,
      metrics: this.metrics,
      bus: deps.bus,
    })
    this.presence = new NodePresence(deps.bus, deps.logger)
    deps.bus.onReconnect(() => this.hub.resyncAll())
  }

  /**
   * Moves `user`'s read marker in `room` forward to `seq`: the stored marker, or null when
   * the room is not theirs to see (or this node keeps no markers). While one write of
   * marks is in flight, the marks that come meanwhile wait and go together in the next.
   */
  markRead(user: number, room: number, seq: number) {
    return this.#readMarks?.add(ALL_ROOMS, { user, room, seq }) ?? Promise.resolve(null)
  }

  /**
   * Stores a message exactly once per client id and fans it out; null when
   * the room is gone; throws MutedError while the author is muted there
   */
  async post(message: NewMessage, acknowledge?: Acknowledge) {
    await this.#assertOpen(message.room)
    await this.#assertNotMuted(message.room, message.user.id)
    const stored = await this.store.append(message)
    if (stored) {
      this.#fanOut(stored, acknowledge)
    }
    return stored
  }

  /**
   * Stores a reply (not while muted there; its parent must be a live
   * message of the room) and fans it out like a message
   */
  async reply(reply: NewReply, acknowledge?: Acknowledge) {
    await this.#assertOpen(reply.room)
    await this.#assertNotMuted(reply.room, reply.user.id)
    return this.#changed(await this.store.reply(reply), acknowledge)
  }

  /**
   * Edits a message (its author only, not while muted there) and fans out
   * the edit entry
   */
  async edit(edit: MessageEdit, acknowledge?: Acknowledge) {
    await this.#assertOpen(edit.room)
    await this.#assertNotMuted(edit.room, edit.user.id)
    return this.#changed(await this.store.edit(edit), acknowledge)
  }

  /**
   * Deletes a message (its author, or whoever moderates the room) and fans
   * out the delete entry
   */
  async remove(removal: MessageRemoval, acknowledge?: Acknowledge) {
    const asModerator = await this.access.mayModerate(removal.room, removal.user)
    return this.#changed(await this.store.remove({ ...removal, asModerator }), acknowledge)
  }

  /**
   * Pins or unpins a message (whoever moderates the room) and fans out the
   * pin entry
   */
  async pin(pin: MessagePin, acknowledge?: Acknowledge) {
    await this.#assertOpen(pin.room)
    const asModerator = await this.access.mayModerate(pin.room, pin.user)
    return this.#changed(await this.store.pin({ ...pin, asModerator }), acknowledge)
  }

  /**
   * Adds or withdraws a reaction (anyone in the room, not while muted) and
   * fans out the react entry
   */
  async react(reaction: MessageReaction, acknowledge?: Acknowledge) {
    await this.#assertOpen(reaction.room)
    await this.#assertNotMuted(reaction.room, reaction.user.id)
    return this.#changed(await this.store.react(reaction), acknowledge)
  }

  /**
   * Tells every node that `user` is muted in the room until `until` (epoch
   * ms; null: unmuted; call after the change committed): their sockets
   * there get a `muted` frame, their next post sees it
   */
  muteChanged(room: number, user: number, until: number | null) {
    return this.hub.muteChanged(room, user, until)
  }

  /**
   * Fans out a room-setting entry the app appended in its own transaction
   * (call after the commit), like any stored entry
   */
  announce(entry: StoredMessage) {
    return this.hub.stored(entry)
  }

  /**
   * Tells every node the room was archived (read-only) or unarchived (call
   * after the change committed): posts, edits, pins and reactions there are
   * refused with RoomArchivedError
   */
  roomArchived(room: number, archived: boolean) {
    return this.hub.settingsChanged(room, { archived })
  }

  /**
   * Tells every node that fewer people may see the room (made private; call
   * after the commit): the sockets of those who may not leave it, told
   * `room_access_revoked` like a removed member
   */
  accessNarrowed(room: number) {
    return this.hub.settingsChanged(room, { narrowed: true })
  }

  /**
   * Tells every node the room is gone (call after the delete committed)
   */
  roomDeleted(room: number) {
    return this.hub.roomDeleted(room)
  }

  /**
   * Tells every node that `user` may no longer see the room (call after the
   * membership was removed): their sockets stop receiving it
   */
  accessRevoked(room: number, user: number) {
    return this.hub.accessRevoked(room, user)
  }

  /**
   * Calls `listener` with the room activity of every node, this one
   * included; rejects when the bus refuses the subscription (call again)
   */
  async followActivity(listener: ActivityListener) {
    this.hub.onActivity(listener)
    await this.#bus.subscribe(ACTIVITY_CHANNEL, (event) => {
      if ('activity' in event) {
        listener(event)
      }
    })
  }

  /**
   * Stops calling `listener`
   */
  async unfollowActivity(listener: ActivityListener) {
    this.hub.offActivity(listener)
    await this.#bus.unsubscribe(ACTIVITY_CHANNEL)
  }

  /**
   * Tells every node, this one first, that `user` ended the sign-in
   * `credential` (call after the sign-out is recorded); rejects when the bus
   * refuses: the caller decides how loud that is
   */
  async signedOut(user: number, credential: string) {
    for (const listener of this.#signOutListeners) {
      listener(user, credential)
    }
    await this.#bus.publish(SIGN_OUT_CHANNEL, { user, signedOut: credential })
  }

  /**
   * Calls `listener` with the sign-outs of every node, this one included;
   * resolves once those published from now on reach it
   */
  async followSignOuts(listener: SignOutListener) {
    this.#signOutListeners.add(listener)
    await this.#bus.subscribe(SIGN_OUT_CHANNEL, (event) => {
      if ('signedOut' in event) {
        listener(event.user, event.signedOut)
      }
    })
  }

  /**
   * Stops calling `listener`
   */
  async unfollowSignOuts(listener: SignOutListener) {
    this.#signOutListeners.delete(listener)
    await this.#bus.unsubscribe(SIGN_OUT_CHANNEL)
  }

  /**
   * Stops every feed and disconnects the bus
   */
  async close() {
    this.presence.close()
    await this.hub.close()
    await this.#bus.disconnect()
  }

  async #assertOpen(room: number) {
    if (await this.#archives.isArchived(room)) {
      throw new RoomArchivedError()
    }
  }

  async #assertNotMuted(room: number, user: number) {
    const until = await this.#mutes.mutedUntil(room, user)
    if (until !== null) {
      throw new MutedError(until)
    }
  }

  #changed(result: ChangeResult, acknowledge?: Acknowledge) {
    if (result.ok) {
      this.#fanOut(result.entry, acknowledge)
    }
    return result
  }

  /**
   * A replayed client id wrote nothing: only this process's sockets are
   * offered the entry again (in case they missed it)
   */
  #fanOut(entry: AppendResult, acknowledge?: Acknowledge) {
    acknowledge?.(entry)
    if (entry.duplicate) {
      this.hub.feed(entry.room)?.offer(entry)
    } else {
      void this.hub.stored(entry)
    }
  }
}

/**
 * The bus channel on which chat nodes tell the web app about room activity
 */
export const ACTIVITY_CHANNEL = 'chat_activity'

/**
 * What one node knows about a room: the newest log entry it stored (`seq` 0
 * and `at` null when the event is about presence only) and how many distinct
 * users have a socket in the room on that node. A count, never the ids: the
 * event stays a few dozen bytes however crowded the room (PostgreSQL NOTIFY
 * payloads must stay under 8,000 bytes; 1,500 ids already exceed them).
 */
export type RoomActivity = { seq: number; at: string | null; node: string; online: number }

/**
 * A node's activity in one room, for the lobby (channel `chat_activity`)
 */
export type ActivityEvent = { room: number; activity: RoomActivity }

/**
 * The bus channel on which chat nodes tell the web app who is connected
 */
export const PRESENCE_CHANNEL = 'chat_presence'

/**
 * On channel `chat_presence`: the states of people on node `node`, as
 * `[user id, state]` pairs (a change, or the node's heartbeat)
 */
export type PresenceEvent = {
  node: string
  presence: Array<[number, 'online' | 'away' | 'offline']>
}

/**
 * A room's settings changed in a way every node must hear: it was archived
 * or unarchived (`archived`), or fewer people may see it now (`narrowed`:
 * made private, so sockets of non-members leave it)
 */
export type RoomSettingsChange = { archived?: boolean; narrowed?: boolean }

/**
 * What travels on a room's channel: a doorbell saying a room's log reached `seq`, or
 * that the room is gone, or that user `revoked` lost access to it (left or
 * was removed from a private room), or that user `muted` was muted in it
 * until `until` (epoch ms; null: unmuted). Never message bodies; receivers re-read the store.
 * `sentAt` (epoch ms at publication) lets receivers measure the bus lag.
 * `activity` (channel `chat_activity`) is a node's room activity for the lobby.
 */
export type RoomBusEvent =
  | { room: number; seq: number; sentAt?: number }
  | { room: number; deleted: true }
  | { room: number; revoked: number }
  | { room: number; muted: number; until: number | null }
  | { room: number; settings: RoomSettingsChange }
  | ActivityEvent

/**
 * On channel `chat_sign_out` (SIGN_OUT_CHANNEL): user `user` ended the sign-in
 * `signedOut` (logout, a revoked token); their sockets opened with it close
 */
type SignOutEvent = { user: number; signedOut: string }

/**
 * Anything a transport carries
 */
export type BusEvent = RoomBusEvent | SignOutEvent | PresenceEvent

/**
 * The channel every chat node hears sign-outs on
 */
export const SIGN_OUT_CHANNEL = 'chat_sign_out'

/**
 * What a transport puts on the wire; `busId` lets a node drop its own events
 */
export type BusEnvelope = { busId: string; payload: BusEvent }

/**
 * Receives the events other nodes published on a channel
 */
export type BusHandler = (event: BusEvent) => void

/**
 * Cross-process doorbell between chat nodes, modelled on the
 * `@boringnode/bus` transports; each bus drops its own envelopes. Delivery is best effort: a node catches up
 * from the store on a seq gap and after `onReconnect`.
 */
export interface Bus {
  /**
   * Sends `event` to every other node subscribed to `channel`
   */
  publish(channel: string, event: BusEvent): Promise<void>

  /**
   * Starts delivering `channel` to `handler`; resolves once events published
   * afterwards are guaranteed to arrive
   */
  subscribe(channel: string, handler: BusHandler): Promise<void>

  /**
   * Stops delivering `channel`
   */
  unsubscribe(channel: string): Promise<void>

  /**
   * Releases connections; the bus is unusable afterwards
   */
  disconnect(): Promise<void>

  /**
   * Runs `callback` after the transport lost and regained its connection
   * (events published meanwhile may be lost)
   */
  onReconnect(callback: () => void): void
}

/**
 * The bus channel of one room
 */
export function roomChannel(room: number) {
  return `chat_room_${room}`
}

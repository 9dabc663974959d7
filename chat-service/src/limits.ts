/**
 * Bounds the chat server enforces
 */
export type ChatLimits = {
  /** Largest accepted client frame in bytes; bigger closes the socket with 1009 */
  maxPayload: number
  /** Longest message text in characters (UTF-16 code units, as VineJS counts) */
  maxTextLength: number
  /** Sustained client frames per second per connection */
  framesPerSecond: number
  /** Client frames a connection may send at once before the rate applies */
  frameBurst: number
  /** Minimum gap between typing notices of one user in one room */
  typingIntervalMs: number
  /** Minimum gap between two `presence` frames of one room; changes meanwhile go together */
  presenceIntervalMs: number
  /** Unsent bytes a socket may queue before it is closed with 1013 */
  maxBufferedBytes: number
  /** Interval of protocol pings; a socket that missed the previous pong is dropped */
  heartbeatMs: number
  /** Largest history page */
  maxHistoryLimit: number
  /** History page size when the client names none */
  defaultHistoryLimit: number
  /** Sockets one process holds at most (lowered to fit its open-files limit); more get 503 */
  maxSockets: number
  /** Sockets one user holds at most on one process; more get 429 */
  maxSocketsPerUser: number
  /** Interval of re-checking open sockets against recorded sign-outs (a bus event may be lost) */
  signOutCheckMs: number
}

/**
 * The documented defaults (see PROTOCOL.md)
 */
export const DEFAULT_LIMITS: ChatLimits = {
  maxPayload: 16 * 1024,
  maxTextLength: 4000,
  framesPerSecond: 10,
  frameBurst: 20,
  typingIntervalMs: 2000,
  presenceIntervalMs: 1000,
  maxBufferedBytes: 1024 * 1024,
  heartbeatMs: 30_000,
  maxHistoryLimit: 100,
  defaultHistoryLimit: 50,
  maxSockets: 10_000,
  maxSocketsPerUser: 20,
  signOutCheckMs: 60_000,
}

/**
 * Called for every chat message a client receives
 */
export type DeliveryHandler = (clientId: string, seq: number) => void

/**
 * One simulated chat user's connection, whatever the server behind it
 * (roomchat, the bare `ws` peer or the Socket.IO peer)
 */
export interface LoadClient {
  /** Joins a room (replaying messages after `since` when given); resolves on `joined` */
  join(room: number, since?: number): Promise<void>
  /** Sends a message; resolves with its seq once acknowledged */
  send(room: number, clientId: string, text: string): Promise<number>
  /** Receives every delivered message (live or replayed) */
  onDelivery: DeliveryHandler | null
  /** True once the server closed the socket or it failed */
  readonly lost: boolean
  /** Closes the connection */
  close(): void
}

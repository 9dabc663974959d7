/**
 * What the chat server counts and times. An adapter turns the calls into
 * Prometheus series (chat-service/adapters/prom_chat_metrics.ts); every method
 * must be cheap, it runs on the hot path.
 */
export interface ChatMetrics {
  /** A WebSocket passed the upgrade checks and is open */
  connectionOpened(): void
  /** An open WebSocket closed, for whatever reason */
  connectionClosed(): void
  /** A socket joined a room */
  joined(): void
  /** A client frame that changes a room's log was stored and acked (`message`, `edit`, `delete`) */
  accepted(kind: string): void
  /** A client frame was answered with an error frame carrying `code` */
  rejected(code: string): void
  /** Seconds from handling a send frame to its ack */
  ackLatency(seconds: number): void
  /** Message frames handed to live sockets */
  delivered(count: number): void
  /** A doorbell went out on the bus */
  busPublished(): void
  /** A doorbell from another node arrived */
  busReceived(): void
  /** Seconds between a doorbell's publication and its receipt */
  busLag(seconds: number): void
  /** Messages sent to a socket that resumed with `since` */
  replayed(count: number): void
  /** A socket was closed with 1013 for letting too much output pile up */
  slowConsumerClosed(): void
}

/**
 * Counts nothing: the default when no metrics adapter is given
 */
export const noopChatMetrics: ChatMetrics = {
  connectionOpened() {},
  connectionClosed() {},
  joined() {},
  accepted() {},
  rejected() {},
  ackLatency() {},
  delivered() {},
  busPublished() {},
  busReceived() {},
  busLag() {},
  replayed() {},
  slowConsumerClosed() {},
}

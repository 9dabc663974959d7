/**
 * The person behind a connection, as the ticket names them
 */
export type ChatUser = { id: number; username: string }

/**
 * Turns the short-lived ticket a client presents on upgrade into its user,
 * or null when the ticket is missing, forged, expired or meant for another purpose
 */
export interface TicketVerifier {
  verify(ticket: string): Promise<ChatUser | null>
}

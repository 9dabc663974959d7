/**
 * The person behind a connection, as the ticket names them; a
 * `displayName` and an `avatarKey` (their picture) when they chose them
 */
export type ChatUser = {
  id: number
  username: string
  displayName?: string | null
  avatarKey?: string | null
}

/**
 * Who a redeemed ticket lets in, and the sign-in it was minted for (an
 * opaque key of the browser session or API token); signing that out closes
 * the socket
 */
export type TicketHolder = { user: ChatUser; credential: string }

/**
 * Turns the short-lived ticket a client presents on upgrade into its holder,
 * once: a ticket opens one socket, on any chat process
 */
export interface TicketVerifier {
  /**
   * The holder, or null when the ticket is missing, forged, expired, meant
   * for another purpose, already used, or its sign-in has ended
   */
  redeem(ticket: string): Promise<TicketHolder | null>

  /**
   * Those of `credentials` that were signed out (a lost bus event must not
   * keep their sockets open)
   */
  signedOut(credentials: string[]): Promise<string[]>

  /**
   * Forgets used tickets and sign-outs that can no longer matter
   */
  prune(): Promise<void>
}

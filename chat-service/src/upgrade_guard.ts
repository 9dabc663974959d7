import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { ChatUser, TicketVerifier } from './ticket_verifier.js'

/**
 * The outcome of checking an upgrade request
 */
export type UpgradeDecision = { ok: true; user: ChatUser } | { ok: false; status: 401 | 403 }

/**
 * Lets an upgrade through only with a valid `?ticket=` and, when the client
 * sends an Origin (browsers always do), an allowed one. Clients without an
 * Origin header (API, CLI) need only the ticket.
 */
export async function checkUpgrade(
  request: IncomingMessage,
  url: URL,
  tickets: TicketVerifier,
  allowedOrigins: Set<string>
): Promise<UpgradeDecision> {
  const origin = request.headers.origin
  if (origin !== undefined && !allowedOrigins.has(normalizeOrigin(origin))) {
    return { ok: false, status: 403 }
  }
  const ticket = url.searchParams.get('ticket')
  const user = ticket ? await tickets.verify(ticket) : null
  return user ? { ok: true, user } : { ok: false, status: 401 }
}

/**
 * Answers a refused upgrade with a plain HTTP status and drops the socket
 */
export function rejectUpgrade(socket: Duplex, status: number) {
  const reason = STATUS_CODES[status] ?? 'Error'
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`
  )
}

/**
 * `scheme://host[:port]` in lower case, the form browsers send in Origin;
 * anything with user info, a path, a query or a fragment is no origin and
 * is kept as is (so it matches nothing)
 */
export function normalizeOrigin(origin: string) {
  try {
    const url = new URL(origin)
    return url.href === `${url.origin}/` ? url.origin.toLowerCase() : origin.toLowerCase()
  } catch {
    return origin.toLowerCase()
  }
}

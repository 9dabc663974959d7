import { STATUS_CODES, type IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { TicketHolder, TicketVerifier } from './ticket_verifier.js'

/**
 * The outcome of checking an upgrade request
 */
type UpgradeDecision = { ok: true; holder: TicketHolder } | { ok: false; status: 401 | 403 }

/**
 * Lets an upgrade through only with a valid, unused `?ticket=` and, when the
 * client sends an Origin (browsers always do), an allowed one (checked first,
 * so a refused Origin does not use the ticket up). Clients without an Origin
 * header (API, CLI) need only the ticket.
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
  const holder = ticket ? await tickets.redeem(ticket) : null
  return holder ? { ok: true, holder } : { ok: false, status: 401 }
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

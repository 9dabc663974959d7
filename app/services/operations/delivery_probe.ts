import { randomBytes, randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { ChatClient, UpgradeRefused } from '#chat/index'
import app from '@adonisjs/core/services/app'
import User from '#models/user'
import Room from '#models/room'
import RoomService from '#services/rooms/room_service'
import ChatTicketService from '#services/chat/chat_ticket_service'
import type chatConfig from '#config/chat'

/**
 * The system user the probe talks as. The "." makes it a name nobody can
 * register (usernames are letters, digits, "_" and "-"), and it gets a
 * random password nobody knows.
 */
export const PROBE_USERNAME = 'system.probe'

/**
 * The probe's room: private with the system user as its only member, so it
 * shows in nobody's lobby, search or room list
 */
export const PROBE_ROOM_NAME = '__probe__'

/** How long to wait for a connection, a join or the probe message */
const PROBE_TIMEOUT_MS = 5000

/**
 * What the probe saw at one chat endpoint
 */
type EndpointReport = {
  url: string
  /** The socket opened and joined the probe room */
  connected: boolean
  /** The probe message was sent through this endpoint */
  sender: boolean
  /** From sending to this endpoint delivering the message; null when it did not */
  arrivalMs: number | null
  error: string | null
}

/**
 * The probe's outcome: ok when every endpoint connected and delivered;
 * `error` when the probe room could not be set up (nothing was probed)
 */
export type ProbeReport = {
  ok: boolean
  room: { id: number; name: string } | null
  endpoints: EndpointReport[]
  error: string | null
}

/**
 * The chat endpoints of this deployment: the in-process chat on this
 * server, CHAT_PUBLIC_URL, and the standalone chat when CHAT_HOST or
 * CHAT_PORT is set
 */
export function defaultEndpoints() {
  const config = app.config.get<typeof chatConfig>('chat')
  const urls: string[] = []
  if (config.mode === 'inprocess') {
    urls.push(`ws://${reachable(config.web.host)}:${config.web.port}${config.path}`)
  }
  if (config.publicUrl) {
    urls.push(config.publicUrl)
  }
  if (config.standalone.deployed) {
    const { host, port } = config.standalone
    urls.push(`ws://${reachable(host)}:${port}${config.path}`)
  }
  return [...new Set(urls)]
}

/**
 * Joins the probe room at every endpoint, sends one message through the
 * first that joined and times its arrival at each
 */
export async function runProbe(urls: string[]): Promise<ProbeReport> {
  let probe: Awaited<ReturnType<typeof findOrCreateProbeRoom>>
  try {
    probe = await findOrCreateProbeRoom()
  } catch (error) {
    return { ok: false, room: null, endpoints: [], error: (error as Error).message }
  }
  const { user, room } = probe
  const origin = new URL(app.config.get<string>('app.appUrl')).origin
  const tickets = new ChatTicketService()
  /* The probe's sockets belong to no session or token: a sign-in of their own */
  const credential = `probe:${randomUUID()}`
  const clients = await Promise.all(
    urls.map((url) =>
      ProbeClient.join(
        url,
        room.id,
        tickets.issue(user, credential, { secure: false, host: null }).ticket,
        origin
      )
    )
  )
  try {
    const reports = clients.map((client) => client.report)
    const joined = clients.filter((client) => client.report.connected)
    if (joined.length > 0) {
      const clientId = `probe-${randomUUID()}`
      const arrivals = joined.map((client) => client.arrival(room.id, clientId))
      const sentAt = performance.now()
      joined[0].report.sender = true
      joined[0].send({
        type: 'send',
        room: room.id,
        client_id: clientId,
        text: `Delivery probe ${new Date().toISOString()}`,
      })
      await Promise.all(
        arrivals.map(async (arrival, index) => {
          const report = joined[index].report
          try {
            const arrivedAt = await arrival
            report.arrivalMs = Math.round((arrivedAt - sentAt) * 10) / 10
          } catch (error) {
            report.error = (error as Error).message
          }
        })
      )
    }
    return {
      ok: reports.length > 0 && reports.every((report) => report.arrivalMs !== null),
      room: { id: room.id, name: room.name },
      endpoints: reports,
      error: null,
    }
  } finally {
    clients.forEach((client) => client.close())
  }
}

/**
 * The system user and its private room, created on first use
 */
async function findOrCreateProbeRoom() {
  const user = await User.firstOrCreate(
    { username: PROBE_USERNAME },
    { password: randomBytes(24).toString('base64url') }
  )
  const existing = await Room.query().where('owner_id', user.id).orderBy('id').first()
  if (existing) {
    return { user, room: existing }
  }
  const taken = await Room.query().whereRaw('lower(name) = lower(?)', [PROBE_ROOM_NAME]).first()
  if (taken) {
    throw new Error(`another user's room is named "${PROBE_ROOM_NAME}": rename it to probe`)
  }
  const rooms = await app.container.make(RoomService)
  const room = await rooms.create(user, {
    name: PROBE_ROOM_NAME,
    visibility: 'private',
  })
  return { user, room }
}

/**
 * One probe socket: connects, joins, and awaits frames with a timeout
 */
class ProbeClient {
  report: EndpointReport
  #client: ChatClient | null = null

  private constructor(url: string) {
    this.report = { url, connected: false, sender: false, arrivalMs: null, error: null }
  }

  /**
   * Opens `url` with the ticket and joins `roomId`; failures end up in `report`
   */
  static async join(url: string, roomId: number, ticket: string, origin: string) {
    const probe = new ProbeClient(url)
    try {
      const client = await ChatClient.open(url, ticket, {
        headers: { origin },
        timeoutMs: PROBE_TIMEOUT_MS,
      }).catch((error: Error) => {
        throw error instanceof UpgradeRefused ? error : new Error(`unreachable: ${error.message}`)
      })
      probe.#client = client
      client.send({ type: 'join', room: roomId })
      const answer = await client.next(
        (frame) => frame.room === roomId && (frame.type === 'joined' || frame.type === 'error'),
        PROBE_TIMEOUT_MS
      )
      if (answer.type === 'error') {
        throw new Error(`join refused: ${answer.code}`)
      }
      probe.report.connected = true
    } catch (error) {
      probe.report.error = (error as Error).message
      probe.close()
    }
    return probe
  }

  /**
   * Resolves with the time the message `clientId` arrived
   */
  async arrival(roomId: number, clientId: string) {
    const frame = await this.#client!.next(
      (candidate) =>
        (candidate.type === 'message' &&
          candidate.room === roomId &&
          candidate.client_id === clientId) ||
        (candidate.type === 'error' && candidate.ref === clientId),
      PROBE_TIMEOUT_MS
    )
    if (frame.type === 'error') {
      throw new Error(`send refused: ${frame.code}`)
    }
    return performance.now()
  }

  send(frame: Record<string, unknown>) {
    this.#client?.send(frame)
  }

  close() {
    this.#client?.terminate()
  }
}

/**
 * A host to connect to for one a server listens on (any-address → loopback)
 */
function reachable(host: string) {
  return ['0.0.0.0', '::', '[::]'].includes(host) ? '127.0.0.1' : host
}

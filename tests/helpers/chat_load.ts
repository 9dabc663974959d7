import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import type { Assert } from '@japa/assert'
import User from '#models/user'
import type { Group } from '@japa/runner/core'
import { ChatTestClient, closeAllClients, type Frame } from '#tests/helpers/ws_client'
import { appOrigin, ticketFor } from '#tests/helpers/chat_fixtures'
import { truncateTables } from '#tests/helpers/database'
import { startChatProcess, type ChatProcess } from '#tests/helpers/chat_process'

/** Pause before resending a send the server refused with `unavailable` or `rate_limited` */
const RETRY_MS = 250
/** Pause between failed reconnect attempts */
const RECONNECT_MS = 200
/** How often `waitUntil` checks its condition */
const POLL_MS = 20

/**
 * `count` users named `<prefix>1…`, sharing one password hash (hashing each
 * would take seconds)
 */
export async function createUsers(count: number, prefix = `load_${Date.now().toString(36)}_`) {
  const password = await hash.make('secret-password')
  const rows = Array.from({ length: count }, (_, index) => ({
    username: `${prefix}${index + 1}`,
    password,
    created_at: new Date(),
  }))
  const ids = await db.table('users').multiInsert(rows).returning('id')
  return User.query()
    .whereIn(
      'id',
      ids.map((row: { id: number }) => row.id)
    )
    .orderBy('id')
}

/**
 * A chat user that behaves as PROTOCOL.md asks of clients: keeps the
 * highest seq seen, and after any disconnect reconnects (to wherever
 * `target()` points then), joins with `since` and resends unacked messages
 * with their original client_ids
 */
export class ResumingClient {
  /** Seqs of every message frame received, in arrival order, across connections */
  readonly seqs: number[] = []
  /** Text of each message frame received, by seq */
  readonly texts = new Map<number, string>()
  /** Ack of each client_id */
  readonly acks = new Map<string, { seq: number; id: number }>()
  /** Messages sent and not acked yet, by client_id */
  readonly pending = new Map<string, string>()
  /** Every client_id this client sent */
  readonly sent: string[] = []
  /** Close codes of the sockets it lost */
  readonly closeCodes: number[] = []
  /** Error frames other than the retryable `unavailable` and `rate_limited` */
  readonly unexpected: Frame[] = []
  /** `unavailable` error frames received */
  unavailable = 0
  #socket: ChatTestClient | null = null
  #joined = false
  #lastSeq = 0
  #stopped = false

  constructor(
    readonly user: User,
    readonly room: number,
    private readonly target: () => string
  ) {}

  /** Highest seq received */
  get lastSeq() {
    return this.#lastSeq
  }

  /** Opens a socket and joins the room (from `since` after the first time) */
  async connect() {
    const socket = await ChatTestClient.open(this.target(), ticketFor(this.user), {
      origin: appOrigin,
    })
    this.#socket = socket
    this.#joined = false
    socket.socket.on('message', (data) => this.#receive(JSON.parse(data.toString())))
    socket.closed.then(({ code }) => this.#lost(socket, code))
    socket.send({ type: 'join', room: this.room, since: this.#lastSeq })
    await socket.next({ type: 'joined', room: this.room })
    this.#joined = true
    for (const [clientId, text] of this.pending) {
      this.#write(clientId, text)
    }
  }

  /** Sends a new message (now, or on the next connection) */
  say(text: string) {
    const clientId = `${this.user.username}-${this.sent.length + 1}`
    this.sent.push(clientId)
    this.pending.set(clientId, text)
    this.#write(clientId, text)
  }

  /** Stops reconnecting and closes the socket */
  async stop() {
    this.#stopped = true
    await this.#socket?.close()
  }

  #write(clientId: string, text: string) {
    if (this.#joined && this.#socket?.socket.readyState === 1) {
      this.#socket.send({ type: 'send', room: this.room, client_id: clientId, text })
    }
  }

  #receive(frame: Frame) {
    if (frame.type === 'message' && frame.room === this.room) {
      this.seqs.push(frame.seq)
      this.texts.set(frame.seq, frame.text)
      this.#lastSeq = Math.max(this.#lastSeq, frame.seq)
    } else if (frame.type === 'ack') {
      this.pending.delete(frame.client_id)
      this.acks.set(frame.client_id, { seq: frame.seq, id: frame.id })
    } else if (frame.type === 'error' && ['unavailable', 'rate_limited'].includes(frame.code)) {
      this.unavailable += frame.code === 'unavailable' ? 1 : 0
      this.#retryLater(frame.ref)
    } else if (frame.type === 'error') {
      this.unexpected.push(frame)
    }
  }

  #retryLater(clientId: string) {
    setTimeout(() => {
      const text = this.pending.get(clientId)
      if (text !== undefined && !this.#stopped) this.#write(clientId, text)
    }, RETRY_MS)
  }

  async #lost(socket: ChatTestClient, code: number) {
    if (this.#socket !== socket || this.#stopped) return
    this.closeCodes.push(code)
    this.#joined = false
    while (!this.#stopped) {
      try {
        return await this.connect()
      } catch {
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS))
      }
    }
  }
}

/**
 * Connects `users` split over two chat processes: the first half on `first`
 * (resuming on `second` once `failOver()` was called), the rest on `second`
 */
export async function clientsOnTwoProcesses(
  users: User[],
  room: number,
  first: { url: string },
  second: { url: string }
) {
  let firstUp = true
  const half = users.length / 2
  const onFirst = users
    .slice(0, half)
    .map((user) => new ResumingClient(user, room, () => (firstUp ? first.url : second.url)))
  const onSecond = users.slice(half).map((user) => new ResumingClient(user, room, () => second.url))
  const clients = [...onFirst, ...onSecond]
  await Promise.all(clients.map((client) => client.connect()))
  return { onFirst, onSecond, clients, failOver: () => (firstUp = false) }
}

/**
 * The set-up every reliability spec shares: before each test of `group`, an
 * empty database and two chat processes started with the env `envs()` gives
 * (run first: it may start a Redis or a proxy); after it, every client
 * closed and both processes stopped. Read the processes from the result.
 */
export function twoChatProcesses(
  group: Group,
  envs: () => Promise<[Record<string, string>, Record<string, string>]> = async () => [{}, {}]
) {
  const processes = {} as { first: ChatProcess; second: ChatProcess }
  group.each.setup(() => truncateTables())
  group.each.setup(async () => {
    const [firstEnv, secondEnv] = await envs()
    ;[processes.first, processes.second] = await Promise.all([
      startChatProcess(firstEnv),
      startChatProcess(secondEnv),
    ])
    return async () => {
      await closeAllClients()
      await Promise.all([processes.first.stop(), processes.second.stop()])
    }
  })
  return processes
}

/**
 * Sends acked so far, over all `clients`
 */
export function totalAcks(clients: ResumingClient[]) {
  return clients.reduce((total, client) => total + client.acks.size, 0)
}

/**
 * The crash and drain scenario up to the stop: `users` in `room`, half on
 * each process, send `perSecond`; after `before` messages every client of
 * the first process sends once more, the clients fail over and `stopFirst`
 * stops the first process; the load goes on to `total` messages, then quiets.
 */
export async function stopFirstUnderLoad<Stopped>(options: {
  users: User[]
  room: number
  processes: { first: ChatProcess; second: ChatProcess }
  perSecond: number
  before: number
  total: number
  inFlightText: string
  stopFirst: (inFlight: string[], onFirst: ResumingClient[]) => Promise<Stopped>
}) {
  const { first, second } = options.processes
  const { onFirst, onSecond, clients, failOver } = await clientsOnTwoProcesses(
    options.users,
    options.room,
    first,
    second
  )
  const load = startLoad(clients, options.perSecond)
  await waitUntil(() => load.sent() >= options.before, `${options.before} messages sent`)
  onFirst.forEach((client) => client.say(options.inFlightText))
  const inFlight = onFirst.flatMap((client) => [...client.pending.keys()])
  failOver()
  const stopped = await options.stopFirst(inFlight, onFirst)
  await waitUntil(() => load.sent() >= options.total, `${options.total} messages sent`)
  load.stop()
  await waitForQuiet(clients, options.room)
  return { onFirst, onSecond, clients, inFlight, stopped }
}

/**
 * Sends `perSecond` messages in total, round-robin over the clients, until stopped
 */
export function startLoad(clients: ResumingClient[], perSecond: number) {
  let sent = 0
  const timer = setInterval(() => {
    clients[sent % clients.length].say(`load message ${sent + 1}`)
    sent++
  }, 1000 / perSecond)
  return {
    /** Messages sent so far */
    sent: () => sent,
    /** Stops sending */
    stop: () => clearInterval(timer),
  }
}

/**
 * Resolves once `condition` holds; fails naming `what` after `timeoutMs`
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000
) {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}

/**
 * The room's head seq in the database
 */
async function headSeq(room: number) {
  const row = await db.from('rooms').select('last_seq').where('id', room).firstOrFail()
  return row.last_seq as number
}

/**
 * Waits until every client has every sent message acked and has received
 * the room's log up to its head
 */
export async function waitForQuiet(clients: ResumingClient[], room: number, timeoutMs = 30_000) {
  await waitUntil(
    async () => {
      if (clients.some((client) => client.pending.size > 0)) return false
      const head = await headSeq(room)
      return clients.every((client) => client.lastSeq === head)
    },
    'every send acked and every client caught up',
    timeoutMs
  )
}

/**
 * The exactly-once check: the room's rows are seq 1..N, one per client_id
 * ever sent (retries included), each ack names its row, and every client
 * received seq 1..N once each, in order, with the stored text. Returns the
 * number of messages and of deliveries checked.
 */
export async function assertExactlyOnce(assert: Assert, room: number, clients: ResumingClient[]) {
  const rows: Array<{ id: number; seq: number; client_id: string; body: string }> = await db
    .from('messages')
    .select('id', 'seq', 'client_id', 'body')
    .where('room_id', room)
    .orderBy('seq')
  const oneToN = rows.map((_, index) => index + 1)
  assert.deepEqual(
    rows.map((row) => row.seq),
    oneToN
  )
  const sent = clients.flatMap((client) => client.sent)
  assert.deepEqual(rows.map((row) => row.client_id).sort(), [...sent].sort())
  const byClientId = new Map(rows.map((row) => [row.client_id, row]))
  for (const client of clients) {
    assert.deepEqual(client.unexpected, [])
    for (const [clientId, ack] of client.acks) {
      const row = byClientId.get(clientId)!
      assert.deepEqual([clientId, ack.seq, ack.id], [clientId, row.seq, row.id])
    }
    assert.deepEqual(client.seqs, oneToN, `${client.user.username} got every seq once, in order`)
    for (const row of rows) {
      assert.equal(client.texts.get(row.seq), row.body)
    }
  }
  return { messages: rows.length, deliveries: rows.length * clients.length }
}

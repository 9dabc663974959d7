import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import env from '#start/env'
import Message from '#models/message'
import { CHAT_TICKET_TTL_SECONDS } from '#chat/adapters/encryption_ticket_verifier'
import { ChatTestClient, UpgradeRefused, closeAllClients } from '#tests/helpers/ws_client'
import { appOrigin, createRoom, createUser, join, ticketFor } from '#tests/helpers/chat_fixtures'

const chatUrl = `ws://${env.get('HOST')}:${env.get('PORT')}/ws`

/**
 * The HTTP status the upgrade was refused with, or 'accepted'
 */
async function upgradeOutcome(ticket: string | null, headers: Record<string, string> = {}) {
  try {
    const client = await ChatTestClient.open(chatUrl, ticket, headers)
    await client.close()
    return 'accepted'
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status
    throw error
  }
}

/**
 * Runs `work` with the clock `offsetMs` ahead (ticket expiry reads `new Date()`)
 */
async function later<T>(offsetMs: number, work: () => Promise<T>) {
  const RealDate = Date
  class ShiftedDate extends RealDate {
    constructor(...args: ConstructorParameters<DateConstructor> | []) {
      if (args.length === 0) super(RealDate.now() + offsetMs)
      else super(...(args as ConstructorParameters<DateConstructor>))
    }

    static now() {
      return RealDate.now() + offsetMs
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor
  try {
    return await work()
  } finally {
    globalThis.Date = RealDate
  }
}

test.group('Security: who may open a chat socket, and as whom', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('cross-site WebSocket hijacking: any foreign Origin is refused with 403', async ({
    assert,
  }) => {
    const ticket = ticketFor(await createUser())
    const app = new URL(appOrigin)
    const foreign = [
      'https://evil.example',
      'null',
      `${app.protocol}//${app.hostname}:${Number(app.port) + 1}`,
      `https://${app.host}`,
      `${app.protocol}//${app.hostname}.evil.example:${app.port}`,
      `${app.protocol}//evil.example@${app.host}`,
    ]
    for (const origin of foreign) {
      assert.equal(await upgradeOutcome(ticket, { origin }), 403, origin)
    }
    assert.equal(await upgradeOutcome(ticket, { origin: appOrigin }), 'accepted')
  })

  test('no ticket, a forged or a tampered ticket: 401', async ({ assert }) => {
    const ticket = ticketFor(await createUser())
    const tampered = ticket.slice(0, -4) + (ticket.endsWith('AAAA') ? 'BBBB' : 'AAAA')
    for (const candidate of [null, '', 'forged', tampered, `${ticket}x`]) {
      assert.equal(await upgradeOutcome(candidate, { origin: appOrigin }), 401, String(candidate))
    }
  })

  test('a ticket from GET /chat/ticket opens one socket within its 60 s; a replay or a late use is refused', async ({
    client,
    assert,
  }) => {
    const user = await createUser()
    const mint = async () => {
      const response = await client.get('/chat/ticket').loginAs(user)
      return response.body() as { ticket: string; expiresIn: number }
    }
    const [now, nearExpiry, late] = [await mint(), await mint(), await mint()]
    const ttlMs = CHAT_TICKET_TTL_SECONDS * 1000
    const open = (ticket: string) => upgradeOutcome(ticket, { origin: appOrigin })

    const first = await open(now.ticket)
    const replay = await open(now.ticket)
    const justBefore = await later(ttlMs - 2000, () => open(nearExpiry.ticket))
    const justAfter = await later(ttlMs + 1000, () => open(late.ticket))

    assert.equal(now.expiresIn, CHAT_TICKET_TTL_SECONDS)
    assert.deepEqual([first, replay, justBefore, justAfter], ['accepted', 401, 'accepted', 401])
  })

  test("identity comes from the ticket only: A's ticket never acts as B", async ({ assert }) => {
    const ana = await createUser()
    const bob = await createUser()
    const room = await createRoom(bob)
    const asBob = {
      user: { id: bob.id, username: bob.username },
      user_id: bob.id,
      username: bob.username,
    }
    const url = new URL(chatUrl)
    url.searchParams.set('user', String(bob.id))
    url.searchParams.set('user_id', String(bob.id))
    const socket = await ChatTestClient.open(url.toString(), ticketFor(ana), {
      origin: appOrigin,
      cookie: `user=${bob.id}`,
      authorization: `Bearer ${bob.id}`,
    })

    const joined = await join(socket, room)
    socket.send({ type: 'send', room: room.id, client_id: 'c-1', text: 'who am I?', ...asBob })
    const message = await socket.next({ type: 'message' })

    assert.deepEqual(joined.online, [{ id: ana.id, username: ana.username }])
    assert.deepEqual(message.user, { id: ana.id, username: ana.username })
    const row = await Message.findByOrFail('client_id', 'c-1')
    assert.equal(row.userId, ana.id)
  })
})

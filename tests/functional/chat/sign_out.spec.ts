import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import env from '#start/env'
import Message from '#models/message'
import User from '#models/user'
import { CookieJar } from '#tests/helpers/cookie_jar'
import { startChatProcess } from '#tests/helpers/chat_process'
import { startCustomChat } from '#tests/helpers/custom_chat'
import ChatSignOutService from '#services/chat/chat_sign_out_service'
import { sessionCredential } from '#services/chat/chat_credentials'
import { ChatTestClient, UpgradeRefused, closeAllClients } from '#tests/helpers/ws_client'
import {
  appOrigin,
  chatGroup,
  chatModes,
  createRoom,
  createUser,
  join,
  nodeWithLostDoorbells,
  say,
  ticketFor,
  type RunningChat,
} from '#tests/helpers/chat_fixtures'

const appUrl = `http://${env.get('HOST')}:${env.get('PORT')}`

/**
 * A browser signed in as `user` (factory password) on the test server
 */
async function signedInBrowser(user: User) {
  const browser = new CookieJar()
  const response = await browser.submit(`${appUrl}/login`, `${appUrl}/login`, {
    username: user.username,
    password: 'secret-password',
  })
  if (response.headers.get('location') !== '/rooms') {
    throw new Error(`login failed: ${response.status}`)
  }
  return browser
}

/**
 * A ticket from GET /chat/ticket for the browser's session
 */
async function browserTicket(browser: CookieJar) {
  const response = await browser.fetch(`${appUrl}/chat/ticket`)
  return ((await response.json()) as { ticket: string }).ticket
}

/**
 * A new API token of `user`, as its client sends it
 */
async function bearerToken(user: User) {
  const token = await User.accessTokens.create(user)
  return token.value!.release()
}

/**
 * A ticket from POST /api/v1/chat/tickets for the bearer token
 */
async function tokenTicket(token: string) {
  const response = await fetch(`${appUrl}/api/v1/chat/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  })
  return ((await response.json()) as { ticket: string }).ticket
}

/**
 * The HTTP status the upgrade was refused with, or 'accepted'
 */
async function upgradeOutcome(url: string, ticket: string) {
  try {
    const client = await ChatTestClient.open(url, ticket, { origin: appOrigin })
    await client.close()
    return 'accepted'
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status
    throw error
  }
}

chatGroup('Chat sign-out and single-use tickets', (chat) => {
  test('a ticket opens one socket; the same ticket again is refused with 401', async ({
    assert,
  }) => {
    const ticket = ticketFor(await createUser())
    assert.equal(await upgradeOutcome(chat.url, ticket), 'accepted')
    assert.equal(await upgradeOutcome(chat.url, ticket), 401)
  })

  test('POST /logout closes the session’s sockets with 1008 and voids its unused tickets', async ({
    assert,
  }) => {
    const user = await createUser()
    const room = await createRoom(user)
    const browser = await signedInBrowser(user)
    const socket = await ChatTestClient.open(chat.url, await browserTicket(browser), {
      origin: appOrigin,
    })
    const unused = await browserTicket(browser)
    const otherDevice = await ChatTestClient.open(chat.url, ticketFor(user), {
      origin: appOrigin,
    })
    await join(socket, room)
    const ack = await say(socket, room, 'c-1', 'before logout')
    assert.equal(ack.seq, 1)

    const logout = await browser.submit(`${appUrl}/logout`, `${appUrl}/rooms`)

    assert.equal(logout.status, 302)
    assert.deepEqual(await socket.closed, { code: 1008, reason: 'signed out' })
    assert.equal(await upgradeOutcome(chat.url, unused), 401)
    await otherDevice.roundTrip()
    const rows = await Message.query().where('room_id', room.id).select('client_id')
    assert.deepEqual(
      rows.map((row) => row.clientId),
      ['c-1']
    )
  })

  test('DELETE /api/v1/auth/tokens closes the token’s sockets with 1008 and voids its tickets', async ({
    assert,
  }) => {
    const user = await createUser()
    const token = await bearerToken(user)
    const otherToken = await bearerToken(user)
    const socket = await ChatTestClient.open(chat.url, await tokenTicket(token))
    const unused = await tokenTicket(token)
    const other = await ChatTestClient.open(chat.url, await tokenTicket(otherToken))

    const revoked = await fetch(`${appUrl}/api/v1/auth/tokens`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    })

    assert.equal(revoked.status, 204)
    assert.deepEqual(await socket.closed, { code: 1008, reason: 'signed out' })
    assert.equal(await upgradeOutcome(chat.url, unused), 401)
    await other.roundTrip()
  })
})

test.group('Chat sign-out across two chat processes (postgres bus)', (group) => {
  let first: RunningChat
  let second: Awaited<ReturnType<typeof startChatProcess>>

  group.setup(async () => {
    first = await chatModes.find((mode) => mode.name === 'standalone')!.start()
    second = await startChatProcess()
    return async () => {
      await second.stop()
      await first.stop()
    }
  })
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('a ticket used on one process is refused on the other', async ({ assert }) => {
    const ticket = ticketFor(await createUser())
    assert.equal(await upgradeOutcome(first.url, ticket), 'accepted')
    assert.equal(await upgradeOutcome(second.url, ticket), 401)
  })

  test('logout closes the session’s sockets on every process with 1008; they send nothing more', async ({
    assert,
  }) => {
    const user = await createUser()
    const room = await createRoom(user)
    const browser = await signedInBrowser(user)
    const here = await ChatTestClient.open(first.url, await browserTicket(browser), {
      origin: appOrigin,
    })
    const there = await ChatTestClient.open(second.url, await browserTicket(browser), {
      origin: appOrigin,
    })
    await join(here, room)
    await join(there, room)
    const ack = await say(there, room, 'c-1', 'before logout')
    assert.equal(ack.seq, 1)

    await browser.submit(`${appUrl}/logout`, `${appUrl}/rooms`)

    assert.deepEqual(await here.closed, { code: 1008, reason: 'signed out' })
    assert.deepEqual(await there.closed, { code: 1008, reason: 'signed out' })
    there.send({ type: 'send', room: room.id, client_id: 'c-2', text: 'after logout' })
    assert.equal(there.socket.readyState, there.socket.CLOSED)
    const rows = await Message.query().where('room_id', room.id).select('client_id')
    assert.deepEqual(
      rows.map((row) => row.clientId),
      ['c-1']
    )
  })
})

test.group('Chat sign-out when the bus loses the event', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('the recorded sign-out still closes the socket with 1008 at the next re-check', async ({
    assert,
    cleanup,
  }) => {
    const chat = await startCustomChat({ limits: { signOutCheckMs: 200 } })
    cleanup(() => chat.stop())
    const user = await createUser()
    const credential = sessionCredential(randomUUID())
    const socket = await ChatTestClient.open(chat.url, ticketFor(user, credential))
    const other = await ChatTestClient.open(chat.url, ticketFor(user))

    await new ChatSignOutService(await nodeWithLostDoorbells()).signOut(user.id, credential)

    assert.deepEqual(await socket.closed, { code: 1008, reason: 'signed out' })
    await other.roundTrip()
  })
})

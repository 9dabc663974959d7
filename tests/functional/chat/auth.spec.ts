import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import { CHAT_TICKET_PURPOSE } from '#chat/adapters/encryption_ticket_verifier'
import { ChatTestClient, UpgradeRefused } from '#tests/helpers/ws_client'
import {
  appOrigin,
  chatGroup,
  createRoom,
  createUser,
  join,
  ticketFor,
} from '#tests/helpers/chat_fixtures'

/**
 * Resolves with the HTTP status the upgrade was refused with
 */
async function refusal(opening: Promise<ChatTestClient>) {
  try {
    const client = await opening
    await client.close()
    return 'accepted'
  } catch (error) {
    return error instanceof UpgradeRefused ? error.status : error
  }
}

chatGroup('Chat upgrade auth', (chat) => {
  test('refuses an upgrade without a ticket with 401', async ({ assert }) => {
    assert.equal(await refusal(ChatTestClient.open(chat.url, null, { origin: appOrigin })), 401)
  })

  test('refuses a forged ticket with 401', async ({ assert }) => {
    const opening = ChatTestClient.open(chat.url, 'not-a-ticket', { origin: appOrigin })
    assert.equal(await refusal(opening), 401)
  })

  test('refuses an expired ticket with 401', async ({ assert }) => {
    const user = await createUser()
    const expired = encryption.encrypt(
      { id: user.id, username: user.username },
      { purpose: CHAT_TICKET_PURPOSE, expiresIn: -1000 }
    )
    const opening = ChatTestClient.open(chat.url, expired, { origin: appOrigin })
    assert.equal(await refusal(opening), 401)
  })

  test('refuses a value encrypted for another purpose with 401', async ({ assert }) => {
    const user = await createUser()
    const session = encryption.encrypt({ id: user.id, username: user.username }, '60s')
    const opening = ChatTestClient.open(chat.url, session, { origin: appOrigin })
    assert.equal(await refusal(opening), 401)
  })

  test('refuses a foreign Origin with 403 even with a valid ticket', async ({ assert }) => {
    const user = await createUser()
    const opening = ChatTestClient.open(chat.url, ticketFor(user), {
      origin: 'https://evil.example',
    })
    assert.equal(await refusal(opening), 403)
  })

  test('accepts a valid ticket from the app origin and without an Origin', async ({ assert }) => {
    const user = await createUser()
    const room = await createRoom(user)

    const browser = await ChatTestClient.open(chat.url, ticketFor(user), { origin: appOrigin })
    const joined = await join(browser, room)
    assert.deepEqual(joined, {
      type: 'joined',
      room: room.id,
      last_seq: 0,
      online: [{ id: user.id, username: user.username }],
    })

    const cli = await ChatTestClient.open(chat.url, ticketFor(user))
    await cli.roundTrip()
  })
})

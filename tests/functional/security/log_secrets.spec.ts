import { randomUUID } from 'node:crypto'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import InviteService from '#services/invites/invite_service'
import { truncateTables } from '#tests/helpers/database'
import env from '#start/env'
import User from '#models/user'
import { RoomFactory } from '#database/factories/room_factory'
import { startAppProcess } from '#tests/helpers/app_process'
import { CookieJar } from '#tests/helpers/cookie_jar'
import { NginxServer } from '#tests/helpers/nginx_server'
import { ChatTestClient, closeAllClients } from '#tests/helpers/ws_client'

type LogLine = { msg: string; request_id?: string; connection?: number; [field: string]: unknown }

/**
 * The JSON log lines of a production process's output
 */
function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line))
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

test.group('Security: logs (production process, LOG_LEVEL=trace, behind nginx)', (group) => {
  group.each.setup(() => truncateTables())
  group.each.teardown(() => closeAllClients())

  test('no password, token, ticket or message text is logged (app or nginx); lines carry request and connection ids', async ({
    assert,
    cleanup,
  }) => {
    const web = await startAppProcess({ LOG_LEVEL: 'trace' })
    cleanup(async () => {
      await web.stop()
    })
    const webAddress = new URL(web.url).host
    const nginx = await NginxServer.start({ web: [webAddress], chat: [webAddress] })
    cleanup(() => nginx.stop())
    const username = `logs_${randomUUID().slice(0, 8)}`
    const password = `pw-${randomUUID()}`
    const wrongPassword = `wrong-${randomUUID()}`
    const secrets: Record<string, string> = { password, wrongPassword }

    const browser = new CookieJar()
    const registered = await browser.submit(`${web.url}/register`, `${web.url}/register`, {
      username,
      password,
      passwordConfirmation: password,
    })
    assert.equal(registered.headers.get('location'), '/rooms')
    await browser.submit(`${web.url}/logout`, `${web.url}/rooms`)
    const refused = await browser.submit(`${web.url}/login`, `${web.url}/login`, {
      username,
      password: wrongPassword,
    })
    assert.notEqual(refused.headers.get('location'), '/rooms')
    const signedIn = await browser.submit(`${web.url}/login`, `${web.url}/login`, {
      username,
      password,
    })
    assert.equal(signedIn.headers.get('location'), '/rooms')

    const requestToken = (secret: string) =>
      fetch(`${web.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept': 'application/json' },
        body: JSON.stringify({ username, password: secret }),
      })
    const wrongToken = await requestToken(wrongPassword)
    assert.equal(wrongToken.status, 401)
    const tokenResponse = await requestToken(password)
    assert.equal(tokenResponse.status, 201)
    const tokenBody = (await tokenResponse.json()) as { token: string }
    secrets.token = tokenBody.token
    const apiTicket = await fetch(`${web.url}/api/v1/chat/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secrets.token}`, accept: 'application/json' },
    })
    assert.equal(apiTicket.status, 201)
    const apiTicketBody = (await apiTicket.json()) as { ticket: string }
    secrets.apiTicket = apiTicketBody.ticket
    const browserTicket = await browser.fetch(`${web.url}/chat/ticket`)
    const browserTicketBody = (await browserTicket.json()) as { ticket: string }
    secrets.ticket = browserTicketBody.ticket

    const user = await User.findByOrFail('username', username)
    const room = await RoomFactory.merge({ ownerId: user.id }).create()
    const socket = await ChatTestClient.open(
      nginx.origin.replace('http://', 'ws://') + '/ws',
      secrets.ticket,
      { origin: web.url.replace('http://', 'https://') }
    )
    socket.send({ type: 'join', room: room.id })
    await socket.next({ type: 'joined', room: room.id })
    secrets.text = `message text ${randomUUID()}`
    socket.send({ type: 'send', room: room.id, client_id: 'c-1', text: secrets.text })
    const ack = await socket.next({ type: 'ack', client_id: 'c-1' })
    assert.equal(ack.seq, 1)
    secrets.oversized = `${randomUUID()}${'x'.repeat(4000)}`
    socket.send({ type: 'send', room: room.id, client_id: 'c-2', text: secrets.oversized })
    const tooLong = await socket.next({ type: 'error' })
    assert.equal(tooLong.code, 'text_too_long')
    secrets.badJson = randomUUID()
    socket.sendRaw(`{"type": "send", "text": "${secrets.badJson}"`)
    const badJson = await socket.next({ type: 'error' })
    assert.equal(badJson.code, 'bad_json')
    socket.socket.close()
    await socket.closed

    const { token: inviteToken } = await new InviteService().create({
      creator: user,
      room,
      maxUses: 2,
      expiresAt: DateTime.now().plus({ days: 1 }),
    })
    secrets.inviteToken = inviteToken
    const invitePage = await fetch(`${nginx.origin}/invite/${inviteToken}`)
    assert.equal(invitePage.status, 200)
    assert.equal(invitePage.headers.get('referrer-policy'), 'same-origin')
    const registerPage = await fetch(`${nginx.origin}/register?invite=${inviteToken}`)
    assert.equal(registerPage.status, 200)

    await nginx.stop()
    const nginxLog = nginx.accessLog
    await web.stop()
    const output = web.output()
    secrets.appKey = env.get('APP_KEY').release()
    for (const [name, secret] of Object.entries(secrets)) {
      assert.notInclude(output, secret.slice(0, 40), `${name} appears in the logs`)
      for (const form of [secret, encodeURIComponent(secret)]) {
        assert.notInclude(nginxLog, form.slice(0, 40), `${name} appears in nginx's access log`)
      }
    }
    assert.match(nginxLog, /"GET \/ws HTTP\/1\.1" 101 /)
    assert.match(nginxLog, /"GET \/invite\/\[redacted\] HTTP\/1\.1" 200 /)

    const lines = logLines(output)
    const http = lines.filter((line) => line.msg === 'http request')
    assert.includeDeepMembers(
      http.map((line) => [line.method, line.url, line.status]),
      [
        ['POST', '/register', 302],
        ['POST', '/login', 302],
        ['POST', '/api/v1/auth/tokens', 401],
        ['POST', '/api/v1/auth/tokens', 201],
        ['POST', '/api/v1/chat/tickets', 201],
        ['GET', '/chat/ticket', 200],
      ]
    )
    for (const line of http) {
      assert.match(line.request_id ?? '', UUID, `${line.method} ${line.url}`)
    }
    assert.equal(new Set(http.map((line) => line.request_id)).size, http.length)

    const chat = lines.filter(
      (line) => line.msg.startsWith('chat socket') || line.msg === 'chat frame refused'
    )
    assert.deepEqual(
      chat.map((line) => [line.msg, line.code ?? null]),
      [
        ['chat socket opened', null],
        ['chat frame refused', 'text_too_long'],
        ['chat frame refused', 'bad_json'],
        ['chat socket closed', 1005],
      ]
    )
    for (const line of chat) {
      // a connection id is a number unique within its chat process
      assert.isTrue(Number.isSafeInteger(line.connection) && line.connection! > 0, line.msg)
      assert.equal(line.connection, chat[0].connection)
      assert.equal(line.user, user.id)
    }
  }).timeout(60_000)
})

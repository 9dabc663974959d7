import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import router from '@adonisjs/core/services/router'
import i18nManager from '@adonisjs/i18n/services/main'
import type { ApiClient } from '@japa/api-client'
import Room from '#models/room'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'

const CAME_FROM = '/came-from'
const STATE_CHANGING = ['POST', 'PUT', 'PATCH', 'DELETE']

/**
 * Every state-changing route the router knows, except the token-authenticated
 * JSON API and Transmit's SSE endpoints (exempt in config/shield.ts)
 */
function formRoutes() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => route.methods.some((method) => STATE_CHANGING.includes(method)))
    .filter(
      (route) => !route.pattern.startsWith('/api/') && !route.pattern.startsWith('/__transmit')
    )
    .map((route) => ({
      name: route.name ?? route.pattern,
      method: route.methods.find((method) => STATE_CHANGING.includes(method))!.toLowerCase(),
      pattern: route.pattern,
    }))
}

/**
 * Sends the route's request with `fields`, optionally as `user` and with a real token
 */
function request(
  client: ApiClient,
  route: ReturnType<typeof formRoutes>[number],
  roomId: number,
  options: { user?: Awaited<ReturnType<typeof createUser>>; token?: boolean; fields?: object }
) {
  const url = route.pattern.replace(/:\w+/g, String(roomId))
  let pending = client[route.method as 'post' | 'delete'](url)
    .header('referer', CAME_FROM)
    .form(options.fields ?? {})
    .redirects(0)
  if (options.user) pending = pending.loginAs(options.user)
  if (options.token) pending = pending.withCsrfToken()
  return pending
}

test.group('Security: CSRF on every state-changing form route', (group) => {
  group.each.setup(() => truncateTables())

  test('the router has the form routes this test expects to guard', async ({ assert }) => {
    assert.includeMembers(
      formRoutes().map((route) => route.name),
      [
        'new_account.store',
        'session.store',
        'session.destroy',
        'rooms.store',
        'rooms.destroy',
        'room_members.store',
        'room_members.destroy',
        'messages.store',
        'locale.update',
        'theme.update',
        'account.destroy',
        'account_passwords.update',
        'account_sessions.destroy',
        'account_tokens.destroy',
        'room_invites.store',
        'room_invites.destroy',
        'invites.store',
      ]
    )
  })

  test('each refuses a missing or forged token, signed in or not, and changes nothing', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    const room = await createRoom(owner)
    const routes = formRoutes()
    const expired = i18nManager.locale('en').t('errors.E_BAD_CSRF_TOKEN')
    let refusals = 0
    for (const route of routes) {
      for (const user of [undefined, owner]) {
        for (const fields of [{}, { _csrf: 'forged-token', name: 'Forged', text: 'forged' }]) {
          const response = await request(client, route, room.id, { user, fields })
          const said = `${route.name} as ${user ? 'owner' : 'anonymous'} with ${JSON.stringify(fields)}`
          assert.equal(response.status(), 302, said)
          assert.equal(response.header('location'), CAME_FROM, said)
          assert.equal(response.flashMessage('errorsBag')?.E_BAD_CSRF_TOKEN, expired, said)
          assert.isUndefined(response.cookie('locale')?.value, said)
          assert.isUndefined(response.cookie('theme')?.value, said)
          refusals++
        }
      }
    }
    assert.isNotNull(await Room.find(room.id))
    assert.deepEqual(await Room.query().where('name', 'Forged'), [])
    await room.refresh()
    assert.equal(room.lastSeq, 0)
    console.log(
      `[security] csrf: ${routes.length} form routes, ${refusals} forged requests refused`
    )
  })

  test('with the session token the same requests pass the CSRF check', async ({
    client,
    assert,
  }) => {
    const owner = await createUser()
    for (const route of formRoutes()) {
      const room = await createRoom(owner)
      const user =
        route.name === 'new_account.store' || route.name === 'session.store' ? undefined : owner
      const response = await request(client, route, room.id, { user, token: true })
      assert.isUndefined(response.flashMessage('errorsBag')?.E_BAD_CSRF_TOKEN, route.name)
    }
  })
})

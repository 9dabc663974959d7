import fc from 'fast-check'
import Message from '#models/message'
import Room from '#models/room'
import type User from '#models/user'
import {
  REFERER,
  body,
  formValue,
  fuzzEndpoints,
  idValue,
  jsonValue,
  pathSegment,
  type Endpoint,
} from '#tests/helpers/http_fuzz'
import type { ApiClient } from '@japa/api-client'

/** A message's seq in the path: a real one (1, seeded below), or anything */
const seqValue = fc.oneof(fc.constant('1'), idValue)

/**
 * A form post with a spoofed method (`?_method=`), as the pages' forms send
 * PATCH, PUT and DELETE
 */
const spoofedForm = (client: ApiClient, method: string, url: string, input: object) =>
  client
    .post(`${url}?_method=${method}`)
    .withCsrfToken()
    .header('referer', REFERER)
    .form(input)
    .redirects(0)

/** The room's first message exists (seq 1), so a real seq reaches past the look-up */
async function withFirstMessage(roomId: number, user: User) {
  const room = await Room.findOrFail(roomId)
  if (room.lastSeq > 0) return
  await Message.create({ roomId, userId: user.id, seq: 1, body: 'Hello', bodyHtml: '<p>Hello</p>' })
  room.lastSeq = 1
  await room.save()
}

/** The endpoints that came with membership, reactions, pins and moderation */
const endpoints: Endpoint[] = [
  {
    name: 'POST, PATCH and DELETE /rooms/:id/membership (forms)',
    runs: 120,
    cases: fc.tuple(
      fc.constantFrom('POST', 'PATCH', 'DELETE'),
      fc.oneof(idValue, fc.constant(null)),
      body(
        ['favourite', 'notificationLevel'],
        fc.oneof(formValue, fc.constantFrom('true', 'all', 'mentions', 'nothing'))
      )
    ),
    // Changing one's settings goes back to the page it came from
    backIsSuccess: ([method, , input]) =>
      method === 'PATCH' &&
      (['all', 'mentions', 'nothing'].includes(input.notificationLevel) ||
        ['true', '1', 'on', 'false', '0', 'off'].includes(input.favourite)),
    send: (client, [method, id, input], user, room) =>
      spoofedForm(
        client,
        method,
        `/rooms/${id === null ? room : pathSegment(id)}/membership`,
        input
      ).loginAs(user),
  },
  {
    name: 'PUT, PATCH and DELETE /api/v1/rooms/:id/membership',
    runs: 120,
    cases: fc.tuple(
      fc.constantFrom('put', 'patch', 'delete'),
      fc.oneof(idValue, fc.constant(null)),
      body(['favourite', 'notificationLevel'], jsonValue)
    ),
    send: (client, [method, id, input], user, room) =>
      client[method as 'put' | 'patch' | 'delete'](
        `/api/v1/rooms/${id === null ? room : pathSegment(id)}/membership`
      )
        .json(input)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST /rooms/:id/messages/:seq/reactions (form) and PUT /rooms/:id/messages/:seq',
    runs: 120,
    cases: fc.tuple(
      fc.constantFrom('reactions', 'edit'),
      seqValue,
      body(['emoji', 'client_id', 'text'], fc.oneof(formValue, fc.constantFrom('👍', '🎉', '👍🏽')))
    ),
    send: async (client, [what, seq, input], user, room) => {
      await withFirstMessage(room, user)
      return what === 'reactions'
        ? spoofedForm(
            client,
            'POST',
            `/rooms/${room}/messages/${pathSegment(seq)}/reactions`,
            input
          ).loginAs(user)
        : spoofedForm(client, 'PUT', `/rooms/${room}/messages/${pathSegment(seq)}`, input).loginAs(
            user
          )
    },
  },
  {
    name: 'POST and DELETE /api/v1/rooms/:id/messages/:seq/reactions',
    runs: 120,
    cases: fc.tuple(
      fc.constantFrom('post', 'delete'),
      seqValue,
      body(['emoji', 'client_id'], fc.oneof(jsonValue, fc.constantFrom('👍', '❤️', '🇻🇳')))
    ),
    send: async (client, [method, seq, input], user, room) => {
      await withFirstMessage(room, user)
      return client[method as 'post' | 'delete'](
        `/api/v1/rooms/${room}/messages/${pathSegment(seq)}/reactions`
      )
        .json(input)
        .withGuard('api')
        .loginAs(user)
    },
  },
  {
    name: 'POST /rooms/:id/pins, /mutes and /moderators (forms) and DELETE their items',
    runs: 120,
    cases: fc.tuple(
      fc.constantFrom('pins', 'mutes', 'moderators'),
      fc.oneof(fc.constant(null), idValue),
      body(['seq', 'username', 'minutes'], formValue)
    ),
    send: async (client, [what, item, input], user, room) => {
      await withFirstMessage(room, user)
      const url = `/rooms/${room}/${what}`
      return item === null
        ? spoofedForm(client, 'POST', url, input).loginAs(user)
        : spoofedForm(client, 'DELETE', `${url}/${pathSegment(item)}`, input).loginAs(user)
    },
  },
  {
    name: 'DELETE /api/v1/rooms/:id/pins/:seq, /mutes/:userId and /moderators/:userId',
    runs: 80,
    cases: fc.tuple(fc.constantFrom('pins', 'mutes', 'moderators'), idValue),
    send: (client, [what, item], user, room) =>
      client
        .delete(`/api/v1/rooms/${room}/${what}/${pathSegment(item)}`)
        .withGuard('api')
        .loginAs(user),
  },
  {
    name: 'POST and DELETE /admin/users/:userId/deactivation and its API twin (as the admin)',
    runs: 80,
    cases: fc.tuple(fc.constantFrom('POST', 'DELETE'), fc.boolean(), idValue),
    // The form has no fields: going back means the account was (re)activated as asked
    backIsSuccess: () => true,
    send: async (client, [method, api, id], user) => {
      user.isAdmin = true
      await user.save()
      const path = `/users/${pathSegment(id)}/deactivation`
      if (!api) return spoofedForm(client, method, `/admin${path}`, {}).loginAs(user)
      const verb = method === 'POST' ? 'post' : 'delete'
      return client[verb](`/api/v1/admin${path}`).withGuard('api').loginAs(user)
    },
  },
]

fuzzEndpoints('Security: membership, reaction, pin and moderation endpoints fuzzed', endpoints)

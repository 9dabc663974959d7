import fc from 'fast-check'
import Message from '#models/message'
import Room from '#models/room'
import type User from '#models/user'
import {
  body,
  form,
  formValue,
  fuzzEndpoints,
  idValue,
  jsonValue,
  pathSegment,
  query,
  type Endpoint,
} from '#tests/helpers/http_fuzz'

/** A message's seq: a real one (1, seeded below), or anything */
const seqValue = fc.oneof(fc.constant('1'), idValue)

/** The room's first message exists (seq 1), so a real seq reaches past the look-up */
async function withFirstMessage(roomId: number, user: User) {
  const room = await Room.findOrFail(roomId)
  if (room.lastSeq > 0) return
  await Message.create({ roomId, userId: user.id, seq: 1, body: 'Hello', bodyHtml: '<p>Hello</p>' })
  room.lastSeq = 1
  await room.save()
}

/** The endpoints of replies and threads */
const endpoints: Endpoint[] = [
  {
    name: 'GET /rooms/:id/messages/:seq/replies and its API twin',
    runs: 120,
    cases: fc.tuple(fc.boolean(), seqValue, query(['before', 'limit'])),
    send: async (client, [api, seq, input], user, room) => {
      await withFirstMessage(room, user)
      const path = `/rooms/${room}/messages/${pathSegment(seq)}/replies`
      if (!api) return client.get(path).qs(input).loginAs(user)
      return client.get(`/api/v1${path}`).qs(input).withGuard('api').loginAs(user)
    },
  },
  {
    name: 'POST /rooms/:id/messages with reply_to (form)',
    runs: 120,
    cases: body(['text', 'reply_to', 'client_id'], fc.oneof(formValue, fc.constantFrom('1', '2'))),
    send: async (client, input, user, room) => {
      await withFirstMessage(room, user)
      return form(client, 'post', `/rooms/${room}/messages`, input).loginAs(user)
    },
  },
  {
    name: 'POST /api/v1/rooms/:id/messages with reply_to',
    runs: 120,
    cases: body(['text', 'reply_to'], fc.oneof(jsonValue, fc.constantFrom(1, 2, 'hi'))),
    send: async (client, input, user, room) => {
      await withFirstMessage(room, user)
      return client
        .post(`/api/v1/rooms/${room}/messages`)
        .json(input)
        .withGuard('api')
        .loginAs(user)
    },
  },
]

fuzzEndpoints('Security: reply and thread endpoints fuzzed', endpoints)

import fc from 'fast-check'
import {
  REFERER,
  body,
  fuzzEndpoints,
  idValue,
  pathSegment,
  textUpTo,
} from '#tests/helpers/http_fuzz'
import { pngPicture, removeStoredAttachments } from '#tests/helpers/attachments'

/** A real picture among the fuzzed uploads, whole and cut short */
const PNG = await pngPicture(64, 48)

fuzzEndpoints(
  'Security: file uploads and downloads fuzzed with fast-check',
  [
    {
      name: 'POST /rooms/:id/messages (multipart, a file)',
      runs: 100,
      cases: fc.record({
        fields: body(['text', 'client_id'], textUpTo(5_000)),
        name: fc.oneof(textUpTo(400), fc.constantFrom('a.png', '..\\..\\x.txt', 'x\r\ny', '')),
        bytes: fc.oneof(
          fc.uint8Array({ maxLength: 4_096 }),
          fc.constantFrom(
            PNG,
            PNG.subarray(0, 40),
            Buffer.from('<html><script>alert(1)</script></html>'),
            Buffer.alloc(0)
          )
        ),
        json: fc.boolean(),
        room: fc.constantFrom('room', 'privateRoom', 'missing'),
      }),
      send: (client, input, user, room, privateRoom) => {
        const roomId = { room, privateRoom, missing: privateRoom + 1000 }[input.room as string]
        const request = client
          .post(`/rooms/${roomId}/messages`)
          .withCsrfToken()
          .header('referer', REFERER)
          .header('accept', input.json ? 'application/json' : 'text/html')
          .loginAs(user)
          .redirects(0)
        for (const [field, value] of Object.entries(input.fields as Record<string, string>)) {
          request.field(field, value)
        }
        return request.file('file', Buffer.from(input.bytes), { filename: input.name })
      },
    },
    {
      name: 'GET /attachments/:id and /thumbnail',
      cases: fc.tuple(idValue, fc.boolean()),
      send: (client, [id, thumbnail], user) =>
        client
          .get(`/attachments/${pathSegment(id)}${thumbnail ? '/thumbnail' : ''}`)
          .loginAs(user)
          .redirects(0),
    },
  ],
  removeStoredAttachments
)

import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { joinRooms } from '#tests/helpers/memberships'
import { createRoomWithMessages } from '#tests/helpers/room_with_messages'
import ReadMarkerService from '#services/rooms/read_marker_service'

test.group('Room page: the room region a room switch asks for', (group) => {
  group.each.setup(() => truncateTables())

  test('X-Page-Region: chat answers the room and its title without the sidebar and header; the full page has them', async ({
    client,
    assert,
  }) => {
    const reader = await createUser()
    const shown = await createRoom()
    const other = await createRoom()
    await shown.merge({ name: 'Shown room' }).save()
    await other.merge({ name: 'Other joined room' }).save()
    await joinRooms(reader, [shown, other])

    const full = await client.get(`/rooms/${shown.id}`).loginAs(reader)
    const region = await client
      .get(`/rooms/${shown.id}`)
      .header('X-Page-Region', 'chat')
      .loginAs(reader)

    full.assertStatus(200)
    region.assertStatus(200)
    for (const response of [full, region]) {
      assert.include(response.header('vary'), 'X-Page-Region')
      assert.match(response.text(), /<title>[^<]*Shown room[^<]*<\/title>/)
      assert.include(response.text(), `id="chat"`)
      assert.include(response.text(), `data-room-id="${shown.id}"`)
    }
    assert.include(full.text(), 'data-sidebar')
    assert.include(full.text(), 'Other joined room')
    assert.include(full.text(), 'class="site-header"')
    assert.notInclude(region.text(), 'data-sidebar')
    assert.notInclude(region.text(), 'Other joined room')
    assert.notInclude(region.text(), 'class="site-header"')
    assert.isBelow(region.text().length, full.text().length)
  })

  test('the region reads the reader’s membership and marker as the whole page does: the same divider, star and join button', async ({
    client,
    assert,
  }) => {
    const author = await createUser()
    const reader = await createUser()
    const joined = await createRoomWithMessages(author, 5, { authors: [author] })
    const notJoined = await createRoomWithMessages(author, 2)
    await joinRooms(reader, [joined], { favourite: true })
    await new ReadMarkerService().markRead(reader.id, joined.id, 2)

    /** What a room page says of its reader: marker, divider position, favourite star, join button */
    const readerParts = (html: string) => ({
      marker: /data-last-read-seq="(\d+)"/.exec(html)?.[1],
      dividerBefore: /id="unread-divider"[\s\S]*?data-seq="(\d+)"/.exec(html)?.[1],
      star: /class="icon-button favourite-toggle" aria-pressed="(\w+)"/.exec(html)?.[1],
      join: html.includes('membership-join'),
    })
    for (const room of [joined, notJoined]) {
      const full = await client.get(`/rooms/${room.id}`).loginAs(reader)
      const region = await client
        .get(`/rooms/${room.id}`)
        .header('X-Page-Region', 'chat')
        .loginAs(reader)
      assert.deepEqual(readerParts(region.text()), readerParts(full.text()))
    }
    const region = await client
      .get(`/rooms/${joined.id}`)
      .header('X-Page-Region', 'chat')
      .loginAs(reader)
    assert.deepEqual(readerParts(region.text()), {
      marker: '2',
      dividerBefore: '3',
      star: 'true',
      join: false,
    })
    const outside = await client
      .get(`/rooms/${notJoined.id}`)
      .header('X-Page-Region', 'chat')
      .loginAs(reader)
    assert.deepEqual(readerParts(outside.text()), {
      marker: '0',
      dividerBefore: undefined,
      star: undefined,
      join: true,
    })
  })

  test('another region name gets the whole page; a room one may not see stays a 404', async ({
    client,
    assert,
  }) => {
    const reader = await createUser()
    const room = await createRoom()
    await joinRooms(reader, [room])
    const hidden = await createRoom()
    await hidden.merge({ visibility: 'private' }).save()

    const unknown = await client
      .get(`/rooms/${room.id}`)
      .header('X-Page-Region', 'sidebar')
      .loginAs(reader)
    unknown.assertStatus(200)
    assert.include(unknown.text(), 'data-sidebar')

    const forbidden = await client
      .get(`/rooms/${hidden.id}`)
      .header('X-Page-Region', 'chat')
      .loginAs(reader)
    forbidden.assertStatus(404)
  })
})

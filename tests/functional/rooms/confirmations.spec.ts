import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Room from '#models/room'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom, memberIdsOf } from '#tests/helpers/private_rooms'

test.group('Confirmations without JavaScript', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('deleting a room goes through a confirmation page with a CSRF-protected form', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const room = await RoomFactory.merge({ name: 'Book club', ownerId: owner.id }).create()

    const roomPage = await client.get(`/rooms/${room.id}`).loginAs(owner)
    assert.include(
      roomPage.text(),
      `<a class="menu-item danger-item" href="/rooms/${room.id}/delete"`
    )
    assert.notInclude(roomPage.text(), ` action="/rooms/${room.id}?_method=DELETE"`)

    const confirm = await client.get(`/rooms/${room.id}/delete`).loginAs(owner)
    confirm.assertStatus(200)
    const text = confirm.text()
    assert.include(text, '<h1 id="confirm-heading">Delete Book club?</h1>')
    assert.include(
      text,
      '<p>The room and all its messages will be deleted for everyone. This cannot be undone.</p>'
    )
    assert.match(
      text,
      new RegExp(
        `<form action="/rooms/${room.id}\\?_method=DELETE" method="POST" class="actions">\\s*` +
          `<input type='hidden' name='_csrf' value='[^']+'>`
      )
    )
    assert.include(text, `<a href="/rooms/${room.id}" class="button secondary">Cancel</a>`)
    assert.isNotNull(await Room.find(room.id))
  })

  test('the confirmation page refuses who may not delete: 403 for a viewer, 404 for an outsider', async ({
    client,
  }) => {
    const owner = await UserFactory.create()
    const viewer = await UserFactory.create()
    const open = await RoomFactory.merge({ ownerId: owner.id }).create()
    const hidden = await createPrivateRoom(owner)
    const forbidden = await client.get(`/rooms/${open.id}/delete`).loginAs(viewer)
    forbidden.assertStatus(403)
    forbidden.assertTextIncludes('Only the owner of this room can delete it.')
    const missing = await client.get(`/rooms/${hidden.id}/delete`).loginAs(viewer)
    missing.assertStatus(404)
  })

  test('removing a member and leaving go through confirmation pages', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.merge({ username: 'guest_one' }).create()
    const other = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member, other])
    await room.merge({ name: 'Hideout' }).save()

    const members = await client.get(`/rooms/${room.id}/members`).loginAs(owner)
    assert.include(
      members.text(),
      `<a href="/rooms/${room.id}/members/${member.id}/remove" class="button danger"`
    )
    assert.notInclude(members.text(), ` action="/rooms/${room.id}/members/${member.id}?_method`)

    const remove = await client.get(`/rooms/${room.id}/members/${member.id}/remove`).loginAs(owner)
    remove.assertStatus(200)
    assert.include(remove.text(), '<h1 id="confirm-heading">Remove guest_one from Hideout?</h1>')
    assert.include(
      remove.text(),
      `<form action="/rooms/${room.id}/members/${member.id}?_method=DELETE" method="POST" class="actions">`
    )
    assert.include(remove.text(), '>Remove</button>')
    assert.include(
      remove.text(),
      `<a href="/rooms/${room.id}/members" class="button secondary">Cancel</a>`
    )

    const leave = await client.get(`/rooms/${room.id}/members/${member.id}/remove`).loginAs(member)
    leave.assertStatus(200)
    assert.include(leave.text(), '<h1 id="confirm-heading">Leave Hideout?</h1>')
    assert.include(leave.text(), '>Leave the room</button>')

    const notYours = await client
      .get(`/rooms/${room.id}/members/${other.id}/remove`)
      .loginAs(member)
    notYours.assertStatus(403)
    const ownerLeaving = await client
      .get(`/rooms/${room.id}/members/${owner.id}/remove`)
      .loginAs(owner)
    ownerLeaving.assertStatus(403)
    const stranger = await UserFactory.create()
    const notMember = await client
      .get(`/rooms/${room.id}/members/${stranger.id}/remove`)
      .loginAs(owner)
    notMember.assertStatus(404)
    assert.deepEqual(
      await memberIdsOf(room.id),
      [owner.id, member.id, other.id].sort((a, b) => a - b)
    )
  })
})

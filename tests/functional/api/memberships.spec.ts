import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { createPrivateRoom, memberIdsOf } from '#tests/helpers/private_rooms'

test.group('API: memberships', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('join (201, then 200), read, change settings and leave a public room', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.with('owner').create()
    const api = (method: 'get' | 'put' | 'patch' | 'delete') =>
      client.request(`/api/v1/rooms/${room.id}/membership`, method).withGuard('api').loginAs(ana)

    const join = await api('put')
    join.assertStatus(201)
    const joinedAt = join.body().data.joinedAt
    assert.deepEqual(join.body(), {
      data: { room: room.id, favourite: false, notificationLevel: 'all', joinedAt },
    })
    assert.match(joinedAt, /^\d{4}-\d\d-\d\dT/)
    const again = await api('put')
    again.assertStatus(200)
    assert.deepEqual(again.body(), join.body())

    const patched = await api('patch').json({ favourite: true, notificationLevel: 'mentions' })
    patched.assertStatus(200)
    assert.deepEqual(patched.body(), {
      data: { room: room.id, favourite: true, notificationLevel: 'mentions', joinedAt },
    })
    const unmuted = await api('patch').json({ notificationLevel: 'all' })
    assert.deepEqual(unmuted.body().data, {
      room: room.id,
      favourite: true,
      notificationLevel: 'all',
      joinedAt,
    })
    const shown = await api('get')
    assert.deepEqual(shown.body(), unmuted.body())

    const leave = await api('delete')
    leave.assertStatus(204)
    assert.deepEqual(await memberIdsOf(room.id), [])
    const leaveAgain = await api('delete')
    leaveAgain.assertStatus(204)
    const after = await api('get')
    after.assertStatus(409)
    assert.deepEqual(after.body(), {
      errors: [{ code: 'E_NOT_MEMBER', message: 'Join the room first' }],
    })
  })

  test('settings: 409 before joining, 422 for bad or missing fields', async ({
    client,
    assert,
  }) => {
    const ana = await UserFactory.create()
    const room = await RoomFactory.with('owner').create()
    const patch = () =>
      client.patch(`/api/v1/rooms/${room.id}/membership`).withGuard('api').loginAs(ana)

    const notMember = await patch().json({ favourite: true })
    notMember.assertStatus(409)
    assert.equal(notMember.body().errors[0].code, 'E_NOT_MEMBER')

    await client.put(`/api/v1/rooms/${room.id}/membership`).withGuard('api').loginAs(ana)
    const badLevel = await patch().json({ notificationLevel: 'loud' })
    badLevel.assertStatus(422)
    assert.deepEqual(
      badLevel
        .body()
        .errors.map((error: { field: string; rule: string }) => [error.field, error.rule]),
      [['notificationLevel', 'enum']]
    )
    const empty = await patch().json({})
    empty.assertStatus(422)
    assert.deepEqual(
      empty.body().errors.map((error: { field: string }) => error.field),
      ['favourite']
    )
    const notBoolean = await patch().json({ favourite: 'very' })
    notBoolean.assertStatus(422)
  })

  test('a private room is a 404 to outsiders; its owner cannot leave it', async ({
    client,
    assert,
  }) => {
    const owner = await UserFactory.create()
    const member = await UserFactory.create()
    const outsider = await UserFactory.create()
    const room = await createPrivateRoom(owner, [member])
    const url = `/api/v1/rooms/${room.id}/membership`

    for (const method of ['get', 'put', 'patch', 'delete'] as const) {
      const response = await client
        .request(url, method)
        .withGuard('api')
        .loginAs(outsider)
        .json({ favourite: true })
      response.assertStatus(404)
      assert.deepEqual(response.body(), {
        errors: [{ code: 'E_ROW_NOT_FOUND', message: 'Room not found' }],
      })
    }
    const memberJoins = await client.put(url).withGuard('api').loginAs(member)
    memberJoins.assertStatus(200)
    const ownerLeaves = await client.delete(url).withGuard('api').loginAs(owner)
    ownerLeaves.assertStatus(403)
    const memberLeaves = await client.delete(url).withGuard('api').loginAs(member)
    memberLeaves.assertStatus(204)
    assert.deepEqual(await memberIdsOf(room.id), [owner.id])
    const anonymous = await client.put(url)
    anonymous.assertStatus(401)
  })
})

import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import type { ApiClient } from '@japa/api-client'
import RoomMember from '#models/room_member'
import type Room from '#models/room'
import type User from '#models/user'
import MemberListCache from '#services/rooms/member_list_cache'
import { truncateTables } from '#tests/helpers/database'
import { createRoom, createUser } from '#tests/helpers/chat_fixtures'
import { joinRooms } from '#tests/helpers/memberships'
import { UserFactory } from '#database/factories/user_factory'

/**
 * The members pane's list of the room page as `user` sees it (`language`: Accept-Language)
 */
async function memberListAs(client: ApiClient, room: Room, user: User, language = 'en') {
  const response = await client
    .get(`/rooms/${room.id}`)
    .header('Accept-Language', language)
    .loginAs(user)
  response.assertStatus(200)
  const html = response.text()
  const start = html.indexOf('<ul class="member-names">')
  return html.slice(start, html.indexOf('</ul>', start) + '</ul>'.length)
}

/**
 * The usernames a members list shows, in order
 */
function usernamesIn(list: string) {
  return [...list.matchAll(/data-member-username="([^"]+)"/g)].map((match) => match[1])
}

test.group('Room page: the members list drawn once for every reader', (group) => {
  group.each.setup(() => truncateTables())

  test('readers share one list; a rename, a new avatar, a join and a leave each show on the next view', async ({
    client,
    assert,
  }) => {
    const cache = await app.container.make(MemberListCache)
    const owner = await createUser()
    const ana = await createUser()
    const bob = await createUser()
    const cy = await createUser()
    const room = await createRoom(owner)
    await joinRooms(owner, [room])
    await joinRooms(ana, [room])
    await joinRooms(bob, [room])

    const asAna = await memberListAs(client, room, ana)
    const held = cache.stats.lists
    const asOwner = await memberListAs(client, room, owner)
    assert.equal(asOwner, asAna)
    assert.equal(cache.stats.lists, held, 'the second reader is served the same stored list')
    assert.sameMembers(usernamesIn(asAna), [owner.username, ana.username, bob.username])
    assert.include(asAna, '>owner</span>')
    // Each presence dot is there for screen readers too (its script adds the state as text)
    assert.match(asAna, /<span class="presence" data-presence-user="\d+"><\/span>/)
    assert.notMatch(asAna, /<span class="presence"[^>]*aria-hidden/)

    await bob.merge({ displayName: 'Bobby Tables' }).save()
    assert.include(await memberListAs(client, room, ana), '>Bobby Tables</a>')

    await ana.merge({ avatarKey: 'fresh-avatar' }).save()
    assert.include(await memberListAs(client, room, owner), `/avatars/${ana.id}/fresh-avatar/64`)

    await joinRooms(cy, [room])
    assert.include(usernamesIn(await memberListAs(client, room, ana)), cy.username)

    await RoomMember.query().where('room_id', room.id).where('user_id', bob.id).delete()
    const afterLeave = await memberListAs(client, room, ana)
    assert.notInclude(usernamesIn(afterLeave), bob.username)
    assert.notInclude(afterLeave, 'Bobby Tables')
  })

  test('whose room it is and the reader’s language each give their own list', async ({
    client,
    assert,
  }) => {
    // The same members in the same order (owner first, then by username) in both rooms:
    // only whose room it is tells the lists apart
    const ana = await UserFactory.merge({ username: 'aa_owner' }).create()
    const bob = await UserFactory.merge({ username: 'bb_member' }).create()
    const anasRoom = await createRoom(ana)
    const othersRoom = await createRoom()
    await joinRooms(ana, [anasRoom, othersRoom])
    await joinRooms(bob, [anasRoom, othersRoom])

    const inAnas = await memberListAs(client, anasRoom, bob)
    const inOthers = await memberListAs(client, othersRoom, bob)
    /** The username of the member marked as the owner in a list */
    const ownerIn = (list: string) =>
      /data-member-username="([^"]+)"(?:(?!<\/li>)[\s\S])*>owner</.exec(list)?.[1]
    assert.deepEqual(usernamesIn(inOthers), usernamesIn(inAnas))
    assert.equal(ownerIn(inAnas), ana.username)
    assert.isUndefined(ownerIn(inOthers))

    const vietnamese = await memberListAs(client, anasRoom, bob, 'vi')
    assert.notEqual(vietnamese, inAnas)
    assert.include(vietnamese, '>chủ phòng</span>')
    assert.sameMembers(usernamesIn(vietnamese), usernamesIn(inAnas))
  })
})

import { test } from '@japa/runner'
import { AVATAR_COLOURS, avatarColour } from '#client/message_list/avatar'

test.group('Message list: avatar colours', () => {
  test('stable per user id, one of the stylesheet’s colours', ({ assert }) => {
    assert.equal(AVATAR_COLOURS, 8)
    assert.deepEqual([1, 2, 8, 9, 17].map(avatarColour), [1, 2, 0, 1, 1])
  })
})

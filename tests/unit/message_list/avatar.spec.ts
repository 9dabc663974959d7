import { test } from '@japa/runner'
import { AVATAR_COLOURS, avatarColour, avatarInitials } from '#client/message_list/avatar'

test.group('Message list: initials avatars', () => {
  test('initials: first letters of the first two words, upper case, graphemes kept whole', ({
    assert,
  }) => {
    assert.equal(avatarInitials('alice'), 'A')
    assert.equal(avatarInitials('alice_lee'), 'AL')
    assert.equal(avatarInitials('bob.the-builder'), 'BT')
    assert.equal(avatarInitials('đức anh'), 'ĐA')
    assert.equal(avatarInitials('deleted user 12'), 'DU')
    assert.equal(avatarInitials('__x'), 'X')
    assert.equal(avatarInitials('(nguyễn)'), 'N')
    assert.equal(avatarInitials('___'), '?')
  })

  test('colour: stable per user id, one of the stylesheet’s colours', ({ assert }) => {
    assert.equal(AVATAR_COLOURS, 8)
    assert.deepEqual([1, 2, 8, 9, 17].map(avatarColour), [1, 2, 0, 1, 1])
  })
})

import { test } from '@japa/runner'
import { applyReaction, reactionChips } from '#client/reactions/reaction_summary'

const texts = { you: 'you', others: '{count} others', label: '{emoji} {count}: {names}' }
const ann = { id: 1, username: 'ann', display_name: 'Ann' }
const bao = { id: 2, username: 'bao' }
const me = { id: 3, username: 'me' }

test.group('Reaction chips (shared by the page and the browser)', () => {
  test('one chip per emoji in first-used order, counted, pressed and named for who reacted', ({
    assert,
  }) => {
    let summaries = applyReaction([], '👍', ann, true)
    summaries = applyReaction(summaries, '🎉', bao, true)
    summaries = applyReaction(summaries, '👍', me, true)
    summaries = applyReaction(summaries, '👍', bao, true)
    summaries = applyReaction(summaries, '👍', bao, true)
    assert.deepEqual(
      reactionChips(summaries, me.id, texts, 'en').map(({ emoji, count, pressed, label }) => [
        emoji,
        count,
        pressed,
        label,
      ]),
      [
        ['👍', 3, true, '👍 3: Ann, bao, and you'],
        ['🎉', 1, false, '🎉 1: bao'],
      ]
    )
    assert.deepEqual(
      reactionChips(summaries, me.id, { ...texts, you: 'bạn' }, 'vi').map((chip) => chip.label),
      ['👍 3: Ann, bao và bạn', '🎉 1: bao']
    )
    assert.equal(reactionChips(summaries, me.id, texts, 'en')[1].reactors, JSON.stringify([bao]))
  })

  test('withdrawing drops the person, and the chip with its last one; twice changes nothing', ({
    assert,
  }) => {
    const summaries = [
      { emoji: '👍', users: [ann, me] },
      { emoji: '🎉', users: [bao] },
    ]
    const once = applyReaction(summaries, '🎉', bao, false)
    assert.deepEqual(once, [{ emoji: '👍', users: [ann, me] }])
    assert.deepEqual(applyReaction(once, '🎉', bao, false), once)
    assert.deepEqual(applyReaction(once, '👍', me, false), [{ emoji: '👍', users: [ann] }])
  })

  test('a long list names seven people, then how many others', ({ assert }) => {
    const users = Array.from({ length: 12 }, (_, index) => ({
      id: 10 + index,
      username: `u${index}`,
    }))
    const [chip] = reactionChips([{ emoji: '❤️', users }], me.id, texts, 'en')
    assert.equal(chip.label, '❤️ 12: u0, u1, u2, u3, u4, u5, u6, and 5 others')
  })
})

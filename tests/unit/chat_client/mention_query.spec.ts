import { test } from '@japa/runner'
import {
  MAX_SUGGESTIONS,
  completeMention,
  mentionAt,
  suggestMentions,
} from '#client/chat/mention_query'

test.group('Chat client: @-mention suggestions', () => {
  test('finds the @word just before the caret, as the server reads mentions', ({ assert }) => {
    assert.deepEqual(mentionAt('@', 1), { start: 0, query: '' })
    assert.deepEqual(mentionAt('hi @bo', 6), { start: 3, query: 'bo' })
    assert.deepEqual(mentionAt('(@ana_b-2', 9), { start: 1, query: 'ana_b-2' })
    assert.deepEqual(mentionAt('hi @bo and more', 6), { start: 3, query: 'bo' })
    assert.isNull(mentionAt('hi @bo and more', 15))
    assert.isNull(mentionAt('mail me@example', 15))
    assert.isNull(mentionAt('see https://x.test/@ana', 23))
    assert.isNull(mentionAt('@@ana', 5))
    assert.isNull(mentionAt('no mention', 10))
    assert.isNull(mentionAt(`@${'a'.repeat(33)}`, 34))
  })

  test('suggests names starting with the query, then containing it, case-insensitively', ({
    assert,
  }) => {
    const names = ['carol', 'Bob', 'bobby', 'alice', 'jimbo', 'bob', 'alice']
    assert.deepEqual(suggestMentions(names, 'bo'), ['bob', 'Bob', 'bobby', 'jimbo'])
    assert.deepEqual(suggestMentions(names, ''), ['alice', 'bob', 'Bob', 'bobby', 'carol', 'jimbo'])
    assert.deepEqual(suggestMentions(names, 'zed'), [])
    const many = Array.from({ length: 20 }, (_, index) => `user${String(index).padStart(2, '0')}`)
    assert.lengthOf(suggestMentions(many, 'user'), MAX_SUGGESTIONS)
    assert.deepEqual(suggestMentions(many, 'user').at(-1), 'user07')
  })

  test('completing puts "@name " in place of what was typed, caret after it', ({ assert }) => {
    assert.deepEqual(completeMention('hi @bo', 3, 6, 'bobby'), { text: 'hi @bobby ', caret: 10 })
    assert.deepEqual(completeMention('hi @bo there', 3, 6, 'bob'), {
      text: 'hi @bob there',
      caret: 8,
    })
    assert.deepEqual(completeMention('@', 0, 1, 'ana'), { text: '@ana ', caret: 5 })
  })
})

import { test } from '@japa/runner'
import {
  ACTION_WEIGHTS,
  idleMs,
  pickAction,
  shareOf,
  type UserAction,
} from '#bench/users/action_mix'

test.group('Capacity action mix', () => {
  test('picks each action over its share of the cumulative weights', ({ assert }) => {
    const total = ACTION_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0)
    assert.equal(total, 11.5039)
    const at = (weightSoFar: number) => pickAction(weightSoFar / total)

    assert.equal(pickAction(0), 'switchRoom')
    assert.equal(at(6.5218), 'switchRoom')
    assert.equal(at(6.522), 'readHistory')
    assert.equal(at(8.5093), 'checkUnread')
    assert.equal(at(9.5093), 'send')
    assert.equal(at(10.5093), 'openLobby')
    assert.equal(at(11.1116), 'markRead')
    assert.equal(at(11.4352), 'search')
    assert.equal(pickAction(0.999_999_999), 'search')
  })

  test('over many draws the actions come in the documented proportions', ({ assert }) => {
    const counts = new Map<UserAction, number>()
    const draws = 100_000
    for (let draw = 0; draw < draws; draw++) {
      const action = pickAction((draw + 0.5) / draws)
      counts.set(action, (counts.get(action) ?? 0) + 1)
    }
    assert.deepEqual(Object.fromEntries(counts), {
      switchRoom: 56_693,
      readHistory: 17_275,
      checkUnread: 8693,
      send: 8692,
      openLobby: 5236,
      markRead: 2813,
      search: 598,
    })
    assert.equal(shareOf('send').toFixed(4), '0.0869')
  })

  test('idle pauses are at least the minimum and average the mean', ({ assert }) => {
    const timing = { minMs: 1000, avgMs: 20_000 }
    assert.equal(idleMs(0, timing), 1000)
    assert.equal(Math.round(idleMs(1 - Math.exp(-1), timing)), 20_000)
    const samples = 10_000
    let sum = 0
    for (let draw = 0; draw < samples; draw++) {
      sum += idleMs((draw + 0.5) / samples, timing)
    }
    assert.equal(Math.round(sum / samples / 100), 200)
  })
})

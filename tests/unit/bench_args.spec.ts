import { test } from '@japa/runner'
import { parseArgs, SCENARIOS } from '#bench/config'

test.group('Bench arguments', () => {
  test('--only picks scenarios, with or without "="', ({ assert }) => {
    assert.deepEqual(parseArgs(['--only', 'users']).scenarios, ['users'])
    assert.deepEqual(parseArgs(['--only=users,fanout']).scenarios, ['fanout', 'users'])
    assert.deepEqual(parseArgs([]).scenarios, [...SCENARIOS])
    assert.throws(() => parseArgs(['--only=nope']), /unknown scenario nope/)
  })

  test('CI runs only the quick smoke run, with users at a tiny size', ({ assert }) => {
    assert.throws(
      () => parseArgs([], { CI: 'true' }),
      'CI runs only the quick smoke bench (npm run bench -- --quick)'
    )
    assert.throws(() => parseArgs(['--only', 'users'], { CI: '1' }), /only the quick smoke/)
    const quick = parseArgs(['--quick'], { CI: 'true' })
    assert.equal(quick.profile.name, 'quick')
    assert.include(quick.scenarios, 'users')
    assert.deepInclude(quick.profile.capacity, { maxUsers: 8, stepSeconds: 2, maxSeconds: 8 })
    assert.equal(parseArgs([], { CI: 'false' }).profile.name, 'full')
  })
})

import { test } from '@japa/runner'
import { ceilingOf, firstResourceOut, sloBreaches, type StepStats } from '#bench/users/slo'

/**
 * A step that held the default SLO, with `changes`
 */
function step(users: number, changes: Partial<StepStats> = {}): StepStats {
  return { users, pageP99Ms: 300, deliveryP99Ms: 80, errors: 0, dropped: 0, ...changes }
}

test.group('Capacity SLO', () => {
  test('names every breach of a step, none when it held', ({ assert }) => {
    assert.deepEqual(sloBreaches(step(100)), [])
    assert.deepEqual(
      sloBreaches(step(100, { pageP99Ms: Number.NaN, deliveryP99Ms: Number.NaN })),
      []
    )
    assert.deepEqual(
      sloBreaches(step(100, { pageP99Ms: 1000, deliveryP99Ms: 612.4, errors: 2, dropped: 1 })),
      [
        'p99 page 1000 ms ≥ 1000 ms',
        'p99 delivery 612 ms ≥ 500 ms',
        '2 error(s)',
        '1 socket(s) or stream(s) dropped',
      ]
    )
    assert.deepEqual(
      sloBreaches(step(100, { deliveryP99Ms: 300 }), { pageP99Ms: 1000, deliveryP99Ms: 250 }),
      ['p99 delivery 300 ms ≥ 250 ms']
    )
  })

  test('the ceiling is the last step before the first breach', ({ assert }) => {
    assert.deepEqual(ceilingOf([step(100), step(200), step(300, { dropped: 1 }), step(400)]), {
      users: 200,
      broken: true,
      breaches: ['1 socket(s) or stream(s) dropped'],
    })
    assert.deepEqual(ceilingOf([step(100, { errors: 1 })]), {
      users: 0,
      broken: true,
      breaches: ['1 error(s)'],
    })
    assert.deepEqual(ceilingOf([step(100), step(200)]), { users: 200, broken: false, breaches: [] })
  })

  test('the first resource out is the machine, one saturated core, or not CPU', ({ assert }) => {
    const processes = [
      { label: 'postgres', cpuPercent: 70 },
      { label: 'app + chat', cpuPercent: 98 },
      { label: 'generator 1', cpuPercent: 20 },
    ]
    assert.equal(
      firstResourceOut(processes, 95, 2),
      'machine CPU (95 % of 2 cores busy; busiest: app + chat)'
    )
    assert.equal(firstResourceOut(processes, 60, 4), 'one core for app + chat (98 %)')
    assert.equal(
      firstResourceOut([{ label: 'app + chat', cpuPercent: 40 }], 35, 2),
      'not CPU (machine 35 % busy): waits elsewhere (database locks, pool, I/O)'
    )
  })

  test('a core filled while the users arrived is named, with the measured load beside it', ({
    assert,
  }) => {
    const measured = [
      { label: 'app + chat', cpuPercent: 55 },
      { label: 'postgres', cpuPercent: 16 },
    ]
    const arriving = [
      { label: 'app + chat', cpuPercent: 131 },
      { label: 'postgres', cpuPercent: 20 },
    ]
    assert.equal(
      firstResourceOut(measured, 51, 2, arriving),
      'one core for app + chat while the users arrived (131 %: logins and first pages; 55 % under the measured load)'
    )
    assert.match(
      firstResourceOut(measured, 51, 2, [{ label: 'app + chat', cpuPercent: 70 }]),
      /^not CPU/
    )
  })
})

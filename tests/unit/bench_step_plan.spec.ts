import { test } from '@japa/runner'
import {
  dueBy,
  firstMeasured,
  messageClientId,
  parseClientId,
  totalMessages,
  type StepPlan,
} from '#bench/generator/step_plan'
import { Histogram } from '#bench/lib/histogram'

const plan: StepPlan = {
  tag: 'f12',
  rate: 20,
  senders: 3,
  clientsPerRoom: 100,
  startAt: 1_000_000,
  warmupMs: 1000,
  measureMs: 4000,
  drainMs: 3000,
}

test.group('Fan-out step plan', () => {
  test('every generator process derives the same schedule: warm-up, then measured messages', ({
    assert,
  }) => {
    assert.equal(totalMessages(plan), 100)
    assert.equal(firstMeasured(plan), 20)
    assert.equal(dueBy(plan, plan.startAt - 1), 0)
    assert.equal(dueBy(plan, plan.startAt), 1)
    assert.equal(dueBy(plan, plan.startAt + 49.9), 1)
    assert.equal(dueBy(plan, plan.startAt + 50), 2)
    assert.equal(dueBy(plan, plan.startAt + 60_000), 100)
  })

  test('a client_id carries the step, the number and the send time, within 64 characters', ({
    assert,
  }) => {
    const clientId = messageClientId(plan, 57, 1_765_000_000_123.4567)
    assert.equal(clientId, 'f12-57-1765000000123.457')
    assert.isAtMost(clientId.length, 64)
    assert.deepEqual(parseClientId(plan, clientId), { n: 57, sentAt: 1_765_000_000_123.457 })
    assert.isNull(parseClientId({ ...plan, tag: 'f1' }, clientId))
    assert.isNull(parseClientId({ ...plan, tag: 'f120' }, clientId))
    assert.isNull(parseClientId(plan, 'f12-x-1'))
    assert.isNull(parseClientId(plan, 'c-6f1d'))
  })

  test('histograms of several processes merge into one', ({ assert }) => {
    const one = new Histogram()
    const other = new Histogram()
    ;[1, 2, 3].forEach((ms) => one.record(ms))
    ;[4, 100].forEach((ms) => other.record(ms))
    const merged = new Histogram()
    merged.merge(JSON.parse(JSON.stringify(one.toSnapshot())))
    merged.merge(JSON.parse(JSON.stringify(other.toSnapshot())))
    assert.equal(merged.count, 5)
    assert.equal(merged.summary().max, 100)
    assert.equal(merged.summary().mean, 22)
    assert.equal(merged.percentile(60).toFixed(2), '3.05')
  })
})

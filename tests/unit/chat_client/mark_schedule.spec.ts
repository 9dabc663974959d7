import { test } from '@japa/runner'
import { setTimeout as sleep } from 'node:timers/promises'
import { createMarkSchedule } from '#client/chat/mark_schedule'

/** A schedule at 20 ms / 300 ms recording its marks ("mark" or "leaving"); `sends` says whether a mark sent */
function recorded(sends = () => true) {
  const marks: string[] = []
  const schedule = createMarkSchedule(
    (leaving) => {
      marks.push(leaving ? 'leaving' : 'mark')
      return sends()
    },
    { debounceMs: 20, everyMs: 300 }
  )
  return { marks, schedule }
}

test.group('Chat client: when read markers go out', () => {
  test('a burst marks once, after the debounce; the next burst waits for the interval', async ({
    assert,
  }) => {
    const { marks, schedule } = recorded()
    schedule.schedule()
    schedule.schedule()
    schedule.schedule()
    await sleep(60)
    assert.deepEqual(marks, ['mark'])

    const burstAt = Date.now()
    schedule.schedule()
    await sleep(150)
    schedule.schedule()
    assert.deepEqual(marks, ['mark'], 'not before the interval')
    while (marks.length < 2 && Date.now() - burstAt < 1000) await sleep(10)
    assert.deepEqual(marks, ['mark', 'mark'])
    assert.isAtLeast(Date.now() - burstAt, 200)
  })

  test('flush sends what is due at once, as leaving; nothing when nothing is due', async ({
    assert,
  }) => {
    const { marks, schedule } = recorded()
    schedule.flush()
    assert.deepEqual(marks, [])
    schedule.schedule()
    schedule.flush()
    assert.deepEqual(marks, ['leaving'])
    await sleep(60)
    assert.deepEqual(marks, ['leaving'], 'the flushed mark is not sent again')
  })

  test('cancel drops what is due; a mark that sent nothing does not hold the next one back', async ({
    assert,
  }) => {
    const { marks, schedule } = recorded(() => false)
    schedule.schedule()
    schedule.cancel()
    await sleep(60)
    assert.deepEqual(marks, [])

    schedule.schedule()
    await sleep(60)
    schedule.schedule()
    await sleep(60)
    assert.deepEqual(marks, ['mark', 'mark'])
  })
})

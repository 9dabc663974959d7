import { test } from '@japa/runner'
import {
  GROUP_WINDOW_MS,
  createClock,
  dayBefore,
  dayOf,
  startsGroup,
  timeline,
} from '#client/message_list/timeline'

const minute = 60_000
const at = (iso: string) => Date.parse(iso)
const words = { today: 'Today', yesterday: 'Yesterday' }

/**
 * The rows of `timeline` as short strings: "day 2026-12-06", "+1" (seq 1 starts a group), " 2"
 */
function sketch(
  rows: ReturnType<typeof timeline<{ seq: number; userId: number; sentAt: number }>>
) {
  return rows.map((row) =>
    row.type === 'day' ? `day ${row.day}` : `${row.groupStart ? '+' : ' '}${row.message.seq}`
  )
}

test.group('Message list: grouping', () => {
  test('a run of one person within the window is one group; another person, a gap or a divider starts one', ({
    assert,
  }) => {
    const start = at('2026-12-06T09:00:00Z')
    const messages = [
      { seq: 1, userId: 1, sentAt: start },
      { seq: 2, userId: 1, sentAt: start + minute },
      { seq: 3, userId: 1, sentAt: start + minute + GROUP_WINDOW_MS },
      { seq: 4, userId: 1, sentAt: start + minute + 2 * GROUP_WINDOW_MS + 1 },
      { seq: 5, userId: 2, sentAt: start + 12 * minute },
      { seq: 6, userId: 1, sentAt: start + 13 * minute },
      { seq: 7, userId: 1, sentAt: start + 14 * minute },
      { seq: 8, userId: 1, sentAt: start + 15 * minute },
    ]
    const rows = timeline(messages, 'UTC', (message) => message.seq === 8)
    assert.deepEqual(sketch(rows), [
      'day 2026-12-06',
      '+1',
      ' 2',
      ' 3',
      '+4',
      '+5',
      '+6',
      ' 7',
      '+8',
    ])
  })

  test('startsGroup: nothing before, other author, past the window, out of order, new day', ({
    assert,
  }) => {
    const base = { userId: 3, sentAt: at('2026-12-06T10:00:00Z') }
    assert.isTrue(startsGroup(null, base, 'UTC'))
    assert.isTrue(startsGroup({ ...base, userId: 4 }, base, 'UTC'))
    assert.isFalse(startsGroup(base, { ...base, sentAt: base.sentAt + GROUP_WINDOW_MS }, 'UTC'))
    assert.isTrue(startsGroup(base, { ...base, sentAt: base.sentAt + GROUP_WINDOW_MS + 1 }, 'UTC'))
    assert.isTrue(startsGroup(base, { ...base, sentAt: base.sentAt - 1 }, 'UTC'))
    const late = { userId: 3, sentAt: at('2026-12-06T23:58:00Z') }
    const afterMidnight = { userId: 3, sentAt: at('2026-12-07T00:01:00Z') }
    assert.isTrue(startsGroup(late, afterMidnight, 'UTC'))
    // 00:58 and 01:01 in Ho Chi Minh City (UTC+7) are the same day there
    assert.isFalse(startsGroup(late, afterMidnight, 'Asia/Ho_Chi_Minh'))
  })
})

test.group('Message list: day separators', () => {
  test('one separator before the first message of each day, in the reader’s time zone', ({
    assert,
  }) => {
    const messages = [
      { seq: 1, userId: 1, sentAt: at('2026-12-04T20:00:00Z') },
      { seq: 2, userId: 1, sentAt: at('2026-12-05T16:59:00Z') },
      { seq: 3, userId: 1, sentAt: at('2026-12-05T17:01:00Z') },
      { seq: 4, userId: 2, sentAt: at('2026-12-05T17:02:00Z') },
    ]
    assert.deepEqual(sketch(timeline(messages, 'UTC')), [
      'day 2026-12-04',
      '+1',
      'day 2026-12-05',
      '+2',
      ' 3',
      '+4',
    ])
    // UTC+7: 03:00 and 23:59 on the 5th (hours apart), 00:01 and 00:02 on the 6th
    assert.deepEqual(sketch(timeline(messages, 'Asia/Ho_Chi_Minh')), [
      'day 2026-12-05',
      '+1',
      '+2',
      'day 2026-12-06',
      '+3',
      '+4',
    ])
    assert.deepEqual(timeline([], 'UTC'), [])
  })

  test('dayOf and dayBefore, across months and years', ({ assert }) => {
    assert.equal(dayOf(at('2026-12-31T18:00:00Z'), 'Asia/Ho_Chi_Minh'), '2027-01-01')
    assert.equal(dayOf(at('2026-12-31T18:00:00Z'), 'America/New_York'), '2026-12-31')
    assert.equal(dayBefore('2027-01-01'), '2026-12-31')
    assert.equal(dayBefore('2028-03-01'), '2028-02-29')
  })

  test('labels: Today, Yesterday, then weekday and date, with the year only when not this year', ({
    assert,
  }) => {
    const now = at('2026-12-06T12:00:00Z')
    const en = createClock('en', 'UTC', words, now)
    assert.equal(en.day('2026-12-06'), 'Today')
    assert.equal(en.day('2026-12-05'), 'Yesterday')
    assert.equal(en.day('2026-12-01'), 'Tuesday, December 1')
    assert.equal(en.day('2025-12-31'), 'Wednesday, December 31, 2025')
    assert.equal(en.time(at('2026-12-06T09:05:00Z')), '9:05 AM')

    const vi = createClock(
      'vi',
      'Asia/Ho_Chi_Minh',
      { today: 'Hôm nay', yesterday: 'Hôm qua' },
      now
    )
    assert.equal(vi.day('2026-12-06'), 'Hôm nay')
    assert.equal(vi.day('2026-12-05'), 'Hôm qua')
    assert.equal(vi.day('2026-12-01'), 'Thứ Ba, 1 tháng 12')
    assert.equal(vi.day('2025-12-31'), 'Thứ Tư, 31 tháng 12, 2025')
    assert.equal(vi.time(at('2026-12-06T09:05:00Z')), '16:05')
  })
})

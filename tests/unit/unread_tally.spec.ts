import { test } from '@japa/runner'
import { UnreadTally, UNREAD_CAP, type RoomFigures } from '#client/unread_tally'
import { UNREAD_COUNT_CAP } from '#services/rooms/read_marker_service'

/** Room 1 at level `all` (2 unread up to seq 10), room 2 muted (1 mention up to seq 20) */
function tally(rooms: RoomFigures[] = []) {
  const counts = new UnreadTally()
  counts.load([
    { id: 1, level: 'all', unread: 2, mentions: 0, seq: 10, read: 8 },
    { id: 2, level: 'mentions', unread: 0, mentions: 1, seq: 20, read: 5 },
    ...rooms,
  ])
  return counts
}

test.group('Unread tally: the counts a tab keeps from its events', () => {
  test('a message counts unread in an `all` room, a mention counts in both; a muted room counts mentions only', ({
    assert,
  }) => {
    const counts = tally()
    assert.equal(counts.total(), 3)
    assert.isTrue(counts.notified(1, 11, false))
    assert.isTrue(counts.notified(1, 12, true))
    assert.isTrue(counts.notified(2, 21, true))
    assert.deepEqual(counts.of(1), { unread: 4, mentions: 1 })
    assert.deepEqual(counts.of(2), { unread: 0, mentions: 2 })
    assert.equal(counts.total(), 6)
  })

  test('a message counts once: not again, not when the figures cover it, not in a room not joined', ({
    assert,
  }) => {
    const counts = tally()
    assert.isTrue(counts.notified(1, 11, false))
    assert.isFalse(counts.notified(1, 11, false))
    assert.isFalse(counts.notified(1, 10, false))
    assert.isFalse(counts.notified(3, 1, true))
    assert.equal(counts.total(), 4)
  })

  test('new figures keep the messages counted since that they do not cover', ({ assert }) => {
    const counts = tally()
    counts.notified(1, 11, false)
    counts.notified(1, 12, true)
    counts.load([{ id: 1, level: 'all', unread: 3, mentions: 0, seq: 11, read: 8 }])
    assert.deepEqual(counts.of(1), { unread: 4, mentions: 1 })
    assert.isFalse(counts.notified(1, 12, true))
    assert.deepEqual(counts.of(2), { unread: 0, mentions: 0 })
  })

  test('a read at or past the figures clears what it covers; one behind them cannot be followed', ({
    assert,
  }) => {
    const counts = tally()
    counts.notified(1, 11, false)
    counts.notified(1, 12, true)
    assert.isTrue(counts.read(1, 11))
    assert.deepEqual(counts.of(1), { unread: 1, mentions: 1 })
    assert.isFalse(counts.notified(1, 11, false))
    assert.isTrue(counts.read(1, 9))
    assert.isFalse(counts.read(2, 19))
    assert.isTrue(counts.read(3, 1))
    assert.equal(counts.total(), 2)
  })

  test('unread messages stop at the server’s cap; mentions do not; many events stay counted', ({
    assert,
  }) => {
    assert.equal(UNREAD_CAP, UNREAD_COUNT_CAP)
    const counts = tally([{ id: 3, level: 'all', unread: 98, mentions: 0, seq: 98, read: 0 }])
    for (let seq = 99; seq <= 600; seq++) counts.notified(3, seq, seq % 2 === 0)
    assert.isFalse(counts.notified(3, 600, true))
    assert.deepEqual(counts.of(3), { unread: UNREAD_CAP, mentions: 251 })
    assert.isTrue(counts.read(3, 600))
    assert.deepEqual(counts.of(3), { unread: 0, mentions: 0 })
  })

  test('a deleted message counted in the tab counts no more; one the figures may count cannot be followed', ({
    assert,
  }) => {
    const counts = tally()
    counts.notified(1, 11, true)
    assert.isTrue(counts.deleted(1, 11))
    assert.deepEqual(counts.of(1), { unread: 2, mentions: 0 })
    assert.isTrue(counts.deleted(1, 7))
    assert.isTrue(counts.deleted(1, 30))
    assert.isFalse(counts.deleted(1, 9))
  })
})

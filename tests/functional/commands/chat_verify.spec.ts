import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Room from '#models/room'
import Message from '#models/message'
import Attachment from '#models/attachment'
import { DateTime } from 'luxon'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import { jsonReport, runVerify } from '#tests/helpers/chat_verify_run'

/**
 * A room whose log holds seqs 1..count, consistent with last_seq
 */
async function roomWithLog(name: string, count: number) {
  const owner = await UserFactory.create()
  const room = await RoomFactory.merge({ name, ownerId: owner.id, lastSeq: count }).create()
  for (let seq = 1; seq <= count; seq++) {
    await Message.create({
      roomId: room.id,
      userId: owner.id,
      seq,
      clientId: `c-${seq}`,
      body: `m${seq}`,
    })
  }
  return { room, owner }
}

/**
 * Appends a raw log entry (an edit or delete) at `seq`, moving last_seq with it
 */
async function appendEntry(
  room: Room,
  userId: number,
  entry: { seq: number; kind: 'edit' | 'delete'; target: number; body?: string }
) {
  await db.table('messages').insert({
    room_id: room.id,
    user_id: userId,
    seq: entry.seq,
    kind: entry.kind,
    target_seq: entry.target,
    body: entry.body ?? '',
    created_at: new Date(),
  })
  await db.from('rooms').where('id', room.id).update({ last_seq: entry.seq })
}

/**
 * Sets `userId`'s read marker in `room` directly, bypassing the clamp
 */
async function setMarker(room: Room, userId: number, seq: number) {
  await db.table('room_reads').insert({
    user_id: userId,
    room_id: room.id,
    last_read_seq: seq,
    updated_at: new Date(),
  })
}

/**
 * (name, problems) of every room in a JSON report
 */
function problemsByRoom(report: { rooms: Array<{ name: string; problems: string[] }> }) {
  return report.rooms.map((row) => [row.name, row.problems])
}

test.group('chat:verify', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('passes on whole logs', async () => {
    await roomWithLog('Healthy', 3)
    await roomWithLog('Empty', 0)
    const command = await runVerify([])
    command.assertSucceeded()
    command.assertLog('[ green(success) ] All 2 room log(s) are whole')
  })

  test('reports a gap with the room and exit code 1', async ({ assert }) => {
    const { room } = await roomWithLog('Gappy', 4)
    await db.from('messages').where({ room_id: room.id, seq: 2 }).delete()
    const command = await runVerify(['--json'])
    command.assertFailed()
    const report = jsonReport(command)
    assert.isFalse(report.ok)
    assert.deepEqual(report.rooms[0].problems, ['1 seq value(s) missing in 1..4 (gap)'])
    assert.equal(report.rooms[0].name, 'Gappy')
  })

  test('reports a duplicate seq (constraint dropped by the damage)', async ({ assert }) => {
    const { room, owner } = await roomWithLog('Doubled', 2)
    await db.rawQuery('ALTER TABLE messages DROP CONSTRAINT messages_room_id_seq_unique CASCADE')
    await db.table('messages').insert({
      room_id: room.id,
      user_id: owner.id,
      seq: 2,
      body: 'again',
      created_at: new Date(),
    })
    const command = await runVerify(['--json', '--room=doubled'])
    command.assertFailed()
    const report = jsonReport(command)
    assert.deepEqual(report.rooms[0].problems, ['1 duplicate seq value(s)'])
  })

  test('reports a reused client_id (constraint dropped by the damage)', async ({ assert }) => {
    const { room, owner } = await roomWithLog('Twice', 1)
    await db.rawQuery(
      'ALTER TABLE messages DROP CONSTRAINT messages_room_id_user_id_client_id_unique'
    )
    await db.table('messages').insert({
      room_id: room.id,
      user_id: owner.id,
      seq: 2,
      client_id: 'c-1',
      body: 'dup',
      created_at: new Date(),
    })
    await db.from('rooms').where('id', room.id).update({ last_seq: 2 })
    const command = await runVerify(['--json'])
    command.assertFailed()
    const report = jsonReport(command)
    assert.deepEqual(report.rooms[0].problems, ['1 client_id value(s) used twice by the same user'])
  })

  test('reports a stale last_seq, and --repair fixes only that', async ({ assert }) => {
    const { room: stale } = await roomWithLog('Stale', 3)
    const { room: gappy } = await roomWithLog('Gap too', 3)
    await db.from('rooms').where('id', stale.id).update({ last_seq: 1 })
    await db.from('messages').where({ room_id: gappy.id, seq: 1 }).delete()

    const check = await runVerify([])
    check.assertFailed()
    check.assertLogMatches(/last_seq 1 differs from the log head 3/)

    const repair = await runVerify(['--repair'])
    repair.assertLog('[ blue(info) ] repair: room "Stale" last_seq 1 → 3')
    repair.assertFailed()
    const repaired = await Room.findOrFail(stale.id)
    const untouched = await Room.findOrFail(gappy.id)
    assert.equal(repaired.lastSeq, 3)
    assert.equal(untouched.lastSeq, 3)
    assert.lengthOf(await Message.query().where('room_id', gappy.id), 2)

    const onlyGapLeft = await runVerify(['--json'])
    const report = jsonReport(onlyGapLeft)
    assert.deepEqual(
      report.rooms.map((row: { name: string; problems: string[] }) => [row.name, row.problems]),
      [
        ['Stale', []],
        ['Gap too', ['1 seq value(s) missing in 1..3 (gap)']],
      ]
    )
  })

  test('fails clearly for an unknown room', async () => {
    const command = await runVerify(['--room=nowhere'])
    command.assertFailed()
    command.assertLog('[ red(error) ] No room named "nowhere"', 'stderr')
  })
})

test.group('chat:verify log entries, read markers and mentions', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('passes on edits, deletions, markers and mentions the store would write', async () => {
    const { room, owner } = await roomWithLog('Lively', 2)
    const reader = await UserFactory.create()
    await appendEntry(room, owner.id, { seq: 3, kind: 'edit', target: 1, body: 'm1 again' })
    await db.from('messages').where({ room_id: room.id, seq: 2 }).update({
      body: '',
      deleted_at: new Date(),
    })
    await appendEntry(room, owner.id, { seq: 4, kind: 'delete', target: 2 })
    await setMarker(room, reader.id, 4)
    const first = await Message.findByOrFail({ roomId: room.id, seq: 1 })
    await db.table('message_mentions').insert({
      message_id: first.id,
      user_id: reader.id,
      room_id: room.id,
      seq: 1,
    })
    const command = await runVerify([])
    command.assertSucceeded()
    command.assertLog('[ green(success) ] All 1 room log(s) are whole')
  })

  test('reports orphan edit and delete entries with the room and exit code 1', async ({
    assert,
  }) => {
    await roomWithLog('Fine', 1)
    const { room, owner } = await roomWithLog('Orphaned', 2)
    await appendEntry(room, owner.id, { seq: 3, kind: 'edit', target: 9, body: 'nowhere' })
    await appendEntry(room, owner.id, { seq: 4, kind: 'delete', target: 3 })
    await appendEntry(room, owner.id, { seq: 5, kind: 'edit', target: 6, body: 'future' })
    await db.table('messages').insert({
      room_id: room.id,
      user_id: owner.id,
      seq: 6,
      body: 'later',
      created_at: new Date(),
    })
    await db.from('rooms').where('id', room.id).update({ last_seq: 6 })
    const command = await runVerify(['--json'])
    command.assertFailed()
    const report = jsonReport(command)
    assert.isFalse(report.ok)
    assert.deepEqual(problemsByRoom(report), [
      ['Fine', []],
      [
        'Orphaned',
        ['3 orphan edit/delete/pin/reaction entr(y/ies): no earlier message at their target seq'],
      ],
    ])
  })

  test('reports a deleted message without a delete entry and still holding text', async ({
    assert,
  }) => {
    const { room } = await roomWithLog('Ghost', 2)
    await db.from('messages').where({ room_id: room.id, seq: 1 }).update({ deleted_at: new Date() })
    const command = await runVerify(['--json', '--room=ghost'])
    command.assertFailed()
    assert.deepEqual(problemsByRoom(jsonReport(command)), [
      [
        'Ghost',
        [
          '1 deleted message(s) without a delete entry',
          '1 deleted message row(s) still holding text',
        ],
      ],
    ])
  })

  test('reports the edits of a deleted message that still hold their text', async ({ assert }) => {
    const { room, owner } = await roomWithLog('Leaky', 1)
    await appendEntry(room, owner.id, { seq: 2, kind: 'edit', target: 1, body: 'secret' })
    await db.from('messages').where({ room_id: room.id, seq: 1 }).update({
      body: '',
      deleted_at: new Date(),
    })
    await appendEntry(room, owner.id, { seq: 3, kind: 'delete', target: 1 })
    const command = await runVerify(['--json'])
    command.assertFailed()
    assert.deepEqual(problemsByRoom(jsonReport(command)), [
      ['Leaky', ['1 deleted message row(s) still holding text']],
    ])
  })

  test('reports a read marker past last_seq', async ({ assert }) => {
    const { room } = await roomWithLog('Ahead', 3)
    const [early, late] = await UserFactory.createMany(2)
    await setMarker(room, early.id, 3)
    await setMarker(room, late.id, 7)
    const command = await runVerify([])
    command.assertFailed()
    command.assertLogMatches(/1 read marker\(s\) past last_seq 3/)
    command.assertLog('[ red(error) ] 1 room log(s) need attention', 'stderr')
    const json = await runVerify(['--json'])
    assert.deepEqual(problemsByRoom(jsonReport(json)), [
      ['Ahead', ['1 read marker(s) past last_seq 3']],
    ])
  })

  test('reports mentions of an edit entry and of another room', async ({ assert }) => {
    const { room, owner } = await roomWithLog('Mentions', 2)
    const { room: other } = await roomWithLog('Elsewhere', 1)
    const reader = await UserFactory.create()
    await appendEntry(room, owner.id, { seq: 3, kind: 'edit', target: 1, body: '@someone' })
    const edit = await Message.findByOrFail({ roomId: room.id, seq: 3 })
    const second = await Message.findByOrFail({ roomId: room.id, seq: 2 })
    await db.table('message_mentions').multiInsert([
      { message_id: edit.id, user_id: reader.id, room_id: room.id, seq: 3 },
      { message_id: second.id, user_id: reader.id, room_id: other.id, seq: 1 },
    ])
    const command = await runVerify(['--json'])
    command.assertFailed()
    assert.deepEqual(problemsByRoom(jsonReport(command)), [
      ['Mentions', ['2 mention(s) not pointing at a live message of this room']],
      ['Elsewhere', []],
    ])
  })

  test('--repair clamps read markers and resets last_seq, and leaves orphans alone', async ({
    assert,
  }) => {
    const { room: marked } = await roomWithLog('Marked', 3)
    const { room: stale } = await roomWithLog('Stale', 3)
    const { room: orphaned, owner } = await roomWithLog('Orphan', 1)
    const reader = await UserFactory.create()
    await setMarker(marked, reader.id, 5)
    await setMarker(stale, reader.id, 3)
    await db.from('rooms').where('id', stale.id).update({ last_seq: 1 })
    await appendEntry(orphaned, owner.id, { seq: 2, kind: 'edit', target: 5, body: 'x' })

    const repair = await runVerify(['--repair'])
    repair.assertFailed()
    assert.deepEqual(
      repair.logger
        .getLogs()
        .filter((log) => log.message.includes('repair:'))
        .map((log) => log.message),
      [
        '[ blue(info) ] repair: room "Marked" 1 read marker(s) clamped to last_seq 3',
        '[ blue(info) ] repair: room "Stale" last_seq 1 → 3',
      ]
    )
    const markers = await db
      .from('room_reads')
      .where('user_id', reader.id)
      .orderBy('room_id')
      .select('room_id', 'last_read_seq')
    assert.deepEqual(markers, [
      { room_id: marked.id, last_read_seq: 3 },
      { room_id: stale.id, last_read_seq: 3 },
    ])
    const staleAfter = await Room.findOrFail(stale.id)
    assert.equal(staleAfter.lastSeq, 3)
    assert.lengthOf(await Message.query().where('room_id', orphaned.id), 2)

    const after = await runVerify(['--json'])
    assert.deepEqual(problemsByRoom(jsonReport(after)), [
      ['Marked', []],
      ['Stale', []],
      [
        'Orphan',
        ['1 orphan edit/delete/pin/reaction entr(y/ies): no earlier message at their target seq'],
      ],
    ])
  })
})

test.group('chat:verify: attachments', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  /**
   * An attachment row of `room`, uploaded `hoursAgo` hours ago
   */
  function attachmentOf(room: Room, userId: number, key: string, hoursAgo = 0) {
    return Attachment.create({
      roomId: room.id,
      userId,
      diskKey: `attachments/${room.id}/${key}`,
      name: `${key}.txt`,
      mimeType: 'application/octet-stream',
      size: 10,
      createdAt: DateTime.now().minus({ hours: hoursAgo }),
    })
  }

  test('passes on messages holding their files and an upload in flight', async () => {
    const { room, owner } = await roomWithLog('Files', 2)
    const held = await attachmentOf(room, owner.id, 'held', 3)
    await attachmentOf(room, owner.id, 'in-flight')
    await db.from('messages').where({ room_id: room.id, seq: 1 }).update({ attachment_id: held.id })
    const command = await runVerify([])
    command.assertSucceeded()
  })

  test('reports files held by a deleted message, another room’s message, or no message for an hour', async ({
    assert,
  }) => {
    const { room, owner } = await roomWithLog('Stray', 3)
    const other = await roomWithLog('Other', 0)
    const onDeleted = await attachmentOf(room, owner.id, 'on-deleted')
    const foreign = await attachmentOf(other.room, owner.id, 'foreign')
    await attachmentOf(room, owner.id, 'abandoned', 2)
    await db.from('messages').where({ room_id: room.id, seq: 1 }).update({
      attachment_id: onDeleted.id,
      body: '',
      deleted_at: new Date(),
    })
    await appendEntry(room, owner.id, { seq: 4, kind: 'delete', target: 1 })
    await db
      .from('messages')
      .where({ room_id: room.id, seq: 2 })
      .update({ attachment_id: foreign.id })
    const command = await runVerify(['--json'])
    command.assertFailed()
    assert.deepEqual(problemsByRoom(jsonReport(command)), [
      [
        'Stray',
        [
          '2 attachment(s) held by something else than a live message of this room',
          '1 attachment(s) uploaded over an hour ago that no message holds',
        ],
      ],
      ['Other', []],
    ])
  })
})

import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import ChatVerify from '#commands/chat_verify'
import Room from '#models/room'
import Message from '#models/message'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'

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
 * The JSON report printed by the last --json run
 */
function jsonReport(command: ChatVerify) {
  const logs = command.logger.getLogs().filter((log) => log.message.startsWith('{'))
  return JSON.parse(logs[logs.length - 1].message)
}

async function runVerify(args: string[]) {
  const command = await ace.create(ChatVerify, args)
  await command.exec()
  return command
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
    await db.rawQuery('ALTER TABLE messages DROP CONSTRAINT messages_room_id_seq_unique')
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

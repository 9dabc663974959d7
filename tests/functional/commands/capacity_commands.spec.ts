import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import ChatCapacity from '#commands/chat_capacity'
import BenchMessages from '#commands/bench_messages'
import { truncateTables } from '#tests/helpers/database'

const origin = `http://${env.get('HOST')}:${env.get('PORT')}`

test.group('Ace capacity commands', (group) => {
  group.each.setup(() => truncateTables())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('chat:capacity refuses a host off this machine and bad bounds', async () => {
    const remote = await ace.create(ChatCapacity, ['--url=http://example.com'])
    await remote.exec()
    remote.assertFailed()
    remote.assertLog(
      '[ red(error) ] --url example.com is not on this machine: pass --remote to load another host',
      'stderr'
    )

    const bounds = await ace.create(ChatCapacity, [`--url=${origin}`, '--max-users=0'])
    await bounds.exec()
    bounds.assertFailed()
    bounds.assertLog(
      '[ red(error) ] --max-users must be a whole number between 1 and 10000',
      'stderr'
    )
  })

  test('chat:capacity ramps users against the server and removes its accounts', async ({
    assert,
  }) => {
    const command = await ace.create(ChatCapacity, [
      `--url=${origin}`,
      '--start-users=2',
      '--step-users=1',
      '--max-users=2',
      '--step-seconds=2',
      '--max-seconds=10',
      '--workers=1',
      '--rooms=2',
      '--idle-ms=500',
    ])
    await command.exec()
    command.assertSucceeded()
    command.assertLog('[ blue(info) ] Removed 2 capacity_* account(s) and their rooms')
    const report = command.ui.logger.getLogs().find((log) => log.message.includes('Ceiling:'))
    assert.exists(report)
    const [left] = await db
      .from('users')
      .whereRaw(`username LIKE 'capacity\\_%'`)
      .count('* as total')
    assert.equal(Number(left.total), 0)
    const [rooms] = await db.from('rooms').whereLike('name', 'Capacity room %').count('* as total')
    assert.equal(Number(rooms.total), 0)
  })

  test('bench:messages fills bench rooms with numbered messages in English and Vietnamese', async ({
    assert,
  }) => {
    const command = await ace.create(BenchMessages, ['--count=260', '--rooms=2'])
    await command.exec()
    command.assertSucceeded()

    const rooms = await db
      .from('rooms')
      .whereIn('name', ['Bench room 1', 'Bench room 2'])
      .orderBy('name')
      .select('id', 'last_seq')
    assert.deepEqual(
      rooms.map((room) => room.last_seq),
      [130, 130]
    )
    const perRoom = await db
      .from('messages')
      .whereIn(
        'room_id',
        rooms.map((room) => room.id)
      )
      .groupBy('room_id')
      .select('room_id')
      .count('* as total')
      .min('seq as first')
      .max('seq as last')
    assert.deepEqual(
      perRoom.map((row) => [Number(row.total), row.first, row.last]),
      [
        [130, 1, 130],
        [130, 1, 130],
      ]
    )
    const [vietnamese] = await db
      .from('messages')
      .whereRaw(`body ~ '[ăâđêôơưàảãạáằẳẵặắầẩẫậấèẻẽẹéềểễệếìỉĩịíòỏõọóồổỗộốờởỡợớùủũụúừửữựứỳỷỹỵý]'`)
      .count('* as total')
    assert.isAbove(Number(vietnamese.total), 0)

    const again = await ace.create(BenchMessages, ['--count=2', '--rooms=2'])
    await again.exec()
    again.assertSucceeded()
    const heads = await db
      .from('rooms')
      .whereIn(
        'id',
        rooms.map((room) => room.id)
      )
      .orderBy('name')
      .select('last_seq')
    assert.deepEqual(
      heads.map((room) => room.last_seq),
      [131, 131]
    )
  })
})

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import ace from '@adonisjs/core/services/ace'
import { truncateTables } from '#tests/helpers/database'
import env from '#start/env'
import User from '#models/user'
import Room from '#models/room'
import Message from '#models/message'
import RoomMember from '#models/room_member'

const execFileAsync = promisify(execFile)

/**
 * `node ace db:seed` as deployed (NODE_ENV=production), against the test database
 */
function seedInProduction() {
  return execFileAsync(process.execPath, ['ace.js', 'db:seed'], {
    cwd: app.makePath(),
    timeout: 60_000,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      APP_KEY: env.get('APP_KEY').release(),
      LOG_LEVEL: 'warn',
      DB_HOST: env.get('DB_HOST'),
      DB_PORT: String(env.get('DB_PORT')),
      DB_USER: env.get('DB_USER'),
      DB_PASSWORD: env.get('DB_PASSWORD'),
      DB_DATABASE: env.get('DB_DATABASE'),
    },
  }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout })
  )
}

test.group('db:seed (demo data)', (group) => {
  group.each.setup(() => truncateTables())

  test('refuses in production, saying why, and writes nothing', async ({ assert }) => {
    const { code, stdout } = await seedInProduction()
    assert.equal(code, 1)
    assert.include(
      stdout,
      'Demo data is for development only: it creates users alice, bob, carol with the ' +
        'password "password123", which anyone can read. Nothing was written.'
    )
    assert.lengthOf(await User.all(), 0)
  }).timeout(60_000)

  test('in development: English and Vietnamese rooms, messages and members, twice without duplicates', async ({
    assert,
  }) => {
    const { default: DbSeed } = await import('@adonisjs/lucid/commands/db_seed')
    ace.ui.switchMode('raw')
    try {
      for (let run = 0; run < 2; run++) {
        const command = await ace.create(DbSeed, [])
        await command.exec()
        command.assertSucceeded()
      }
    } finally {
      ace.ui.switchMode('normal')
    }
    const rooms = await Room.query().orderBy('id')
    assert.deepEqual(
      rooms.map((room) => [room.name, room.lastSeq]),
      [
        ['General', 3],
        ['Random', 2],
        ['Help desk', 1],
        ['Phòng chung', 3],
        ['Hỏi đáp', 1],
      ]
    )
    const vietnamese = await Message.query()
      .where('room_id', rooms[3].id)
      .orderBy('seq')
      .firstOrFail()
    assert.equal(
      vietnamese.bodyHtml,
      '<p>Chào cả nhà! Đây là phòng trò chuyện bằng <strong>tiếng Việt</strong>.</p>'
    )
    assert.lengthOf(await Message.all(), 10)
    const alice = await User.findByOrFail('username', 'alice')
    const joined = await RoomMember.query().where('user_id', alice.id).preload('room')
    assert.sameMembers(
      joined.map((membership) => membership.room.name),
      ['General', 'Random', 'Phòng chung']
    )
  })
})

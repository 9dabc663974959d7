import { execFile } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import { truncateTables } from '#tests/helpers/database'
import { createScratchDatabase } from '#tests/helpers/scratch_database'
import { backedUpTables } from '#tests/helpers/backup_fixtures'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import env from '#start/env'
import ChatVerify from '#commands/chat_verify'
import { UserFactory } from '#database/factories/user_factory'
import { RoomFactory } from '#database/factories/room_factory'
import RoomsSeed from '#commands/rooms_seed'

const execFileAsync = promisify(execFile)

/**
 * Runs `node ace <args>` with stdout piped (not a terminal), against the test
 * database (or the named one on its server)
 */
function aceInPipe(args: string[], database = env.get('DB_DATABASE')) {
  return execFileAsync(process.execPath, ['ace.js', ...args], {
    cwd: app.makePath(),
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DB_HOST: env.get('DB_HOST'),
      DB_PORT: String(env.get('DB_PORT')),
      DB_USER: env.get('DB_USER'),
      DB_PASSWORD: env.get('DB_PASSWORD'),
      DB_DATABASE: database,
    },
    timeout: 60_000,
  })
}

/**
 * The messages a command logged in raw mode, in order
 */
function messagesOf(command: { logger: { getLogs(): Array<{ message: string }> } }) {
  return command.logger.getLogs().map((log) => log.message)
}

test.group('Command progress when stdout is not a terminal', (group) => {
  group.each.setup(() => truncateTables())

  test('rooms:seed prints one plain line per step, without colours or cursor moves', async ({
    assert,
  }) => {
    const { stdout } = await aceInPipe(['rooms:seed', '--count=3'])
    assert.notInclude(stdout, '\u001b', 'no ANSI escape sequence')
    const lines = stdout.trimEnd().split('\n')
    assert.deepEqual(lines.slice(0, 2), ['┌ Creating 3 room(s)', '│ 3/3 created'])
    assert.match(lines[2], /^└ 3 created \(\d+(\.\d+)? ?m?s\)$/)
    assert.equal(lines[3], '[ success ] Created 3 room(s), 0 already existed (owner: demo)')
    assert.lengthOf(lines, 4)
  }).timeout(60_000)

  test('chat:verify prints its table and verdict without ANSI codes', async ({ assert }) => {
    const owner = await UserFactory.create()
    await RoomFactory.merge({ name: 'Piped room', ownerId: owner.id }).create()
    const { stdout } = await aceInPipe(['chat:verify'])
    assert.notInclude(stdout, '\u001b', 'no ANSI escape sequence')
    assert.include(stdout, 'Piped room|0|0|0|ok')
    assert.include(stdout, '[ success ] All 1 room log(s) are whole')
  }).timeout(60_000)

  test('db:backup and db:restore print one plain line per step', async ({ assert, cleanup }) => {
    const backup = await aceInPipe(['db:backup'])
    assert.notInclude(backup.stdout, '\u001b', 'no ANSI escape sequence')
    const backupLines = backup.stdout.trimEnd().split('\n')
    const file = backupLines.at(-1)!.replace('[ success ] Backup written to ', '')
    cleanup(() => rm(file, { force: true }))
    assert.match(file, /^\/.+\/database\/dumps\/[\dTZ-]+\.backup\.gz$/)
    const tables = await backedUpTables()
    assert.deepEqual(backupLines.slice(0, tables.length + 1), [
      '┌ Backing up connection "postgres"',
      ...tables.map((table) => `│ table ${table}`),
    ])
    assert.match(
      backupLines.at(-2)!,
      new RegExp(`^└ 0 rows of ${tables.length} tables, [\\d.]+ ?[KMG]?B written \\(.+\\)$`)
    )
    assert.lengthOf(backupLines, tables.length + 3)

    const scratch = await createScratchDatabase()
    cleanup(() => scratch.drop())
    const restore = await aceInPipe(['db:restore', file], scratch.name)
    assert.notInclude(restore.stdout, '\u001b', 'no ANSI escape sequence')
    const restoreLines = restore.stdout.trimEnd().split('\n')
    assert.deepEqual(restoreLines.slice(0, 2), [
      '┌ Restoring connection "postgres"',
      `│ table ${tables[0]}`,
    ])
    assert.match(restoreLines.at(-2)!, /^└ 0 rows restored in one transaction \(.+\)$/)
    assert.equal(restoreLines.at(-1), `[ success ] Restored ${file}`)
    assert.lengthOf(restoreLines, tables.length + 3)
  }).timeout(60_000)
})

test.group('Command progress in raw mode', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('rooms:seed shows the task, its count and its result', async ({ assert }) => {
    const command = await ace.create(RoomsSeed, ['--count=2'])
    await command.exec()
    command.assertSucceeded()
    const messages = messagesOf(command)
    assert.deepEqual(messages.slice(0, 2), [
      'Creating 2 room(s)\n------------------',
      '2/2 created',
    ])
    assert.match(messages[2], /^green\(2 created\) dim\(.+\)\n$/)
  })

  test('db:seed shows the demo users and rooms steps', async ({ assert }) => {
    const { default: DbSeed } = await import('@adonisjs/lucid/commands/db_seed')
    const command = await ace.create(DbSeed, [])
    await command.exec()
    command.assertSucceeded()
    const steps = messagesOf(command).filter((message) => /^(Demo|green\()/.test(message))
    assert.deepEqual(
      steps.map((message) => message.replace(/ dim\(.+\)\n$/, '')),
      [
        'Demo users (development only)\n-----------------------------',
        'green(3 ready: alice, bob, carol (password "password123"))',
        'Demo rooms\n----------',
        'green(5 ready: General, Random, Help desk, Phòng chung, Hỏi đáp)',
        'Demo messages\n-------------',
        'green(10 posted in English and Vietnamese)',
        'Demo memberships\n----------------',
        'green(owners and everyone who posted joined their rooms)',
        'green(❯) green(completed) database/seeders/demo_seeder',
      ]
    )
  })

  test('chat:verify shows how many rooms it read', async ({ assert }) => {
    const command = await ace.create(ChatVerify, [])
    await command.exec()
    command.assertSucceeded()
    const messages = messagesOf(command)
    assert.equal(messages[0], 'Reading sequence logs\n---------------------')
    assert.equal(messages[1], '0 room(s) read')
    assert.match(messages[2], /^green\(0 room\(s\) checked\) dim\(.+\)\n$/)
  })
})

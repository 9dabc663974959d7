import { readFile, rm, writeFile } from 'node:fs/promises'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import DbBackup from '#commands/db_backup'
import DbRestore from '#commands/db_restore'
import { truncateTables } from '#tests/helpers/database'
import { createScratchDatabase } from '#tests/helpers/scratch_database'
import {
  asBackupAt,
  backedUpColumns,
  backedUpTables,
  databaseContents,
  messageStoreOn,
  rewriteBackup,
  seedChatData,
} from '#tests/helpers/backup_fixtures'

/**
 * Runs db:backup on the test database and returns the file it wrote
 */
async function backUp(cleanup: (handler: () => Promise<void>) => void) {
  const backup = await ace.create(DbBackup, [])
  await backup.exec()
  backup.assertSucceeded()
  const file = backup.result as string
  cleanup(() => rm(file, { force: true }))
  return { backup, file }
}

/**
 * Database contents with only the id sequences of the given tables
 */
function withSequencesOf(
  contents: Record<string, unknown[]>,
  tables: string[]
): Record<string, unknown[]> {
  const sequences = contents['(sequences)'] as { sequencename: string }[]
  return {
    ...contents,
    '(sequences)': sequences.filter(({ sequencename }) =>
      tables.includes(sequencename.replace(/_id_seq$/, ''))
    ),
  }
}

/**
 * Runs db:restore of file into a connection
 */
async function restore(file: string, connection: string, flags: string[] = []) {
  const command = await ace.create(DbRestore, [file, `--connection=${connection}`, ...flags])
  await command.exec()
  return command
}

test.group('db:backup and db:restore', (group) => {
  group.each.setup(async () => {
    const truncate = await truncateTables()
    await truncate()
    return truncate
  })
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('a backup restores into an empty database exactly, and the chat carries on there', async ({
    assert,
    cleanup,
  }) => {
    const { alice, bob, general, secret } = await seedChatData()
    const { backup, file } = await backUp(cleanup)
    assert.equal(file, app.makePath('database', 'dumps', file.split('/').at(-1)!))
    assert.match(file, /\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.backup\.gz$/)
    backup.assertLog(`[ green(success) ] Backup written to ${file}`)
    const task = 'Backing up connection "postgres"'
    backup.assertLog(`${task}\n${'-'.repeat(task.length)}`)
    backup.assertLog('table users')
    const tables = await backedUpTables()
    backup.assertLogMatches(
      new RegExp(
        `^green\\(24 rows of ${tables.length} tables, [\\d.]+ ?[KMG]?B written\\) dim\\(.+\\)\\n$`
      )
    )

    const scratch = await createScratchDatabase()
    cleanup(() => scratch.drop())
    const restored = await restore(file, scratch.name)
    restored.assertSucceeded()
    restored.assertLog(`[ green(success) ] Restored ${file}`)
    restored.assertLogMatches(/^green\(24 rows restored in one transaction\) dim\(.+\)\n$/)
    const source = await databaseContents()
    assert.deepEqual(await databaseContents(scratch.name), source)
    assert.lengthOf(source.messages, 7)
    assert.lengthOf(source.message_mentions, 2)
    assert.lengthOf(source.auth_access_tokens, 1)

    // Each room's log continues after its last seq, and ids after the last id
    const store = messageStoreOn(scratch.name)
    const next = await store.append({
      room: general.id,
      user: { id: alice.id, username: 'alice' },
      clientId: 'after-restore',
      text: 'back at the library',
    })
    assert.equal(next!.seq, 7)
    assert.isAbove(next!.id, Math.max(...source.messages.map((row: any) => row.id)))
    const inSecret = await store.append({
      room: secret.id,
      user: { id: bob.id, username: 'bob' },
      clientId: 'after-restore',
      text: 'still here',
    })
    assert.equal(inSecret!.seq, 2)
    const restoredRooms = await db.connection(scratch.name).from('rooms').orderBy('id')
    assert.deepEqual(
      restoredRooms.map((room) => [room.name, room.last_seq]),
      [
        ['General', 7],
        ['Secret', 2],
      ]
    )
    // A resend of a restored message is still recognised
    const resent = await store.append({
      room: general.id,
      user: { id: alice.id, username: 'alice' },
      clientId: 'a1',
      text: 'Shall we meet at the **library** on Friday?',
    })
    assert.deepEqual([resent!.seq, resent!.duplicate], [1, true])

    // Search finds restored messages (the generated search vector is rebuilt)
    const found = await db
      .connection(scratch.name)
      .from('messages')
      .whereRaw(`search_vector @@ plainto_tsquery('simple', 'pho')`)
      .orderBy('seq')
      .select('room_id', 'seq', 'kind')
    assert.deepEqual(found, [
      { room_id: general.id, seq: 3, kind: 'message' },
      { room_id: general.id, seq: 4, kind: 'edit' },
    ])
  }).timeout(60_000)

  test('db:restore refuses a database with rows unless --replace, which replaces them', async ({
    assert,
    cleanup,
  }) => {
    await seedChatData()
    const { file } = await backUp(cleanup)
    const scratch = await createScratchDatabase()
    cleanup(() => scratch.drop())
    const first = await restore(file, scratch.name)
    first.assertSucceeded()
    const backedUp = await databaseContents(scratch.name)
    await db.connection(scratch.name).from('messages').where('seq', 2).delete()
    await db
      .connection(scratch.name)
      .from('rooms')
      .where('name', 'Secret')
      .update({ name: 'Renamed' })
    const changed = await databaseContents(scratch.name)

    const refused = await restore(file, scratch.name)
    refused.assertFailed()
    refused.assertLog('red(the restore did not finish; the database is unchanged)', 'stderr')
    refused.assertLog(
      `[ red(error) ] The database of connection "${scratch.name}" is not empty (rows in rate_limits, sessions, users, auth_access_tokens, rooms, messages, message_mentions, room_members, room_reads): restore into an empty database, or pass --replace to replace its contents`,
      'stderr'
    )
    assert.deepEqual(await databaseContents(scratch.name), changed)

    const replaced = await restore(file, scratch.name, ['--replace'])
    replaced.assertSucceeded()
    assert.deepEqual(await databaseContents(scratch.name), backedUp)
  }).timeout(60_000)

  test('db:restore refuses a backup made by a newer schema and leaves the database as it was', async ({
    assert,
    cleanup,
  }) => {
    await seedChatData()
    const { file } = await backUp(cleanup)
    await rewriteBackup(file, ([header, ...rows]) => {
      const parsed = JSON.parse(header)
      parsed.migrations.push('database/migrations/1999999999999_from_the_future')
      return [JSON.stringify(parsed), ...rows]
    })
    const scratch = await createScratchDatabase()
    cleanup(() => scratch.drop())

    const refused = await restore(file, scratch.name)
    refused.assertFailed()
    refused.assertLog(
      '[ red(error) ] The backup was made by a newer version of Roomchat: this version lacks its migration(s) database/migrations/1999999999999_from_the_future. Upgrade the app, then restore.',
      'stderr'
    )
    const { rows } = await db
      .connection(scratch.name)
      .rawQuery(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`)
    assert.equal(rows[0].tables, 0)
  }).timeout(60_000)

  test('db:restore refuses corrupt, truncated and foreign files', async ({ assert, cleanup }) => {
    await seedChatData()
    const { file } = await backUp(cleanup)
    const intact = await readFile(file)
    const scratch = await createScratchDatabase()
    cleanup(() => scratch.drop())
    const refusal = async (expected: string) => {
      const command = await restore(file, scratch.name)
      command.assertFailed()
      command.assertLog(`[ red(error) ] ${file} cannot be restored: ${expected}`, 'stderr')
    }

    await writeFile(file, intact.subarray(0, Math.floor(intact.length / 2)))
    await refusal('it is corrupt or truncated (unexpected end of file)')

    const flipped = Buffer.from(intact)
    flipped[intact.length - 6] ^= 0xff
    await writeFile(file, flipped)
    await refusal('it is corrupt or truncated (incorrect data check)')

    await writeFile(file, intact)
    await rewriteBackup(
      file,
      (lines) => lines.map((line) => line.replace('the library at noon', 'the library at one')),
      { keepChecksum: true }
    )
    await refusal('its checksum does not match its contents')

    await writeFile(file, intact)
    await rewriteBackup(file, (lines) => lines.filter((line) => !line.includes('laptop')))
    await refusal('table "auth_access_tokens" has 0 rows, not 1')

    await writeFile(file, 'PGDMP\u0001\u000e\u0000')
    await refusal(
      'it is a pg_dump custom-format file (written by db:backup before it wrote its own format): restore it with pg_restore --clean --if-exists --no-owner --single-transaction --dbname=<database> <file>'
    )
    await writeFile(file, 'users,rooms\n')
    await refusal('it is not a db:backup file (not gzip)')

    const { rows } = await db
      .connection(scratch.name)
      .rawQuery(`SELECT count(*)::int AS tables FROM pg_tables WHERE schemaname = 'public'`)
    assert.equal(rows[0].tables, 0)
  }).timeout(60_000)

  test('a backup of an older schema is restored at its migrations, then upgraded by the newer ones', async ({
    assert,
    cleanup,
  }) => {
    await seedChatData()
    const { file } = await backUp(cleanup)
    const search = 'database/migrations/1795600000070_add_message_search'
    // The schema before message search: a database migrated, then rolled back to it
    const older = await createScratchDatabase()
    cleanup(() => older.drop())
    const schemaFlags = [`--connection=${older.name}`, '--compact-output', '--no-schema-generate']
    const migrated = await ace.exec('migration:run', schemaFlags)
    assert.equal(migrated.exitCode, 0)
    const { adonis_schema: applied } = (await databaseContents(older.name)) as {
      adonis_schema: string[]
    }
    const newer = applied.length - applied.indexOf(search)
    const rollback = await ace.exec('migration:rollback', [...schemaFlags, `--step=${newer}`])
    assert.equal(rollback.exitCode, 0)
    const tablesThen = await backedUpTables(older.name)
    assert.notInclude(tablesThen, 'chat_sign_outs')
    const columnsThen = await backedUpColumns(older.name)
    await rewriteBackup(file, (lines) =>
      asBackupAt(lines, applied.slice(0, applied.indexOf(search)), tablesThen, columnsThen)
    )
    const scratch = await createScratchDatabase()
    cleanup(() => scratch.drop())
    const migrate = await ace.exec('migration:run', [
      `--connection=${scratch.name}`,
      '--compact-output',
    ])
    assert.equal(migrate.exitCode, 0)

    const restored = await restore(file, scratch.name)
    restored.assertSucceeded()
    restored.assertLogMatches(
      new RegExp(
        `^green\\(24 rows restored in one transaction, then ${newer} newer migration\\(s\\)\\) dim\\(.+\\)\\n$`
      )
    )
    // Tables newer than the backup were created empty: their id sequences start afresh.
    // rooms.roster_version is newer too: a count of roster changes, it starts at its
    // default where the backup has none
    const contents = withSequencesOf(await databaseContents(scratch.name), tablesThen)
    const live = withSequencesOf(await databaseContents(), tablesThen)
    const liveRooms = live.rooms as Array<{ roster_version: number }>
    assert.isTrue(liveRooms.some((room) => room.roster_version > 0))
    assert.deepEqual(contents, {
      ...live,
      rooms: liveRooms.map((room) => ({ ...room, roster_version: 0 })),
    })
    assert.deepEqual(contents.adonis_schema, applied)
  }).timeout(60_000)

  test('db:restore refuses a missing file', async () => {
    const command = await ace.create(DbRestore, ['database/dumps/missing.backup.gz'])
    await command.exec()
    command.assertFailed()
    command.assertLog(
      `[ red(error) ] Backup file not found: ${app.makePath('database/dumps/missing.backup.gz')}`,
      'stderr'
    )
  })
})

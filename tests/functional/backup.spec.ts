import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { test } from '@japa/runner'
import ace from '@adonisjs/core/services/ace'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import DbBackup from '#commands/db_backup'
import DbRestore from '#commands/db_restore'
import { startScratchPostgres } from '#tests/helpers/scratch_postgres'

/**
 * Lucid connection name of the throwaway cluster
 */
const SCRATCH = 'scratch'

test.group('db:backup and db:restore', (group) => {
  group.each.setup(() => {
    ace.ui.switchMode('raw')
    return () => ace.ui.switchMode('normal')
  })

  test('a backup restores the data as it was', async ({ assert, cleanup }) => {
    const cluster = await startScratchPostgres()
    cleanup(() => cluster.stop())
    db.manager.add(SCRATCH, { client: 'pg', connection: cluster.connection })
    cleanup(() => db.manager.release(SCRATCH))
    const scratch = db.connection(SCRATCH)
    await scratch.rawQuery('create table notes (id integer primary key, body text not null)')
    await scratch.table('notes').multiInsert([
      { id: 1, body: 'first' },
      { id: 2, body: 'second' },
    ])

    const backup = await ace.create(DbBackup, [`--connection=${SCRATCH}`])
    await backup.exec()
    backup.assertSucceeded()
    const file = backup.result as string
    cleanup(() => rm(file, { force: true }))
    assert.equal(file, app.makePath('database', 'dumps', file.split('/').at(-1)!))
    assert.match(file, /\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.dump$/)
    const dump = await readFile(file)
    assert.equal(dump.subarray(0, 5).toString(), 'PGDMP')
    backup.assertLog(`[ green(success) ] Backup written to ${file}`)
    const task = `Dumping connection "${SCRATCH}" with pg_dump`
    backup.assertLog(`${task}\n${'-'.repeat(task.length)}`)
    backup.assertLogMatches(/^green\([\d.]+ ?[KMG]?B written\) dim\(.+\)\n$/)

    await scratch.from('notes').where('id', 1).update({ body: 'changed' })
    await scratch.from('notes').where('id', 2).delete()
    await scratch.table('notes').insert({ id: 3, body: 'after the backup' })

    const restore = await ace.create(DbRestore, [file, `--connection=${SCRATCH}`])
    await restore.exec()
    restore.assertSucceeded()
    restore.assertLog(`[ green(success) ] Restored ${file}`)
    restore.assertLogMatches(/^green\(restored in one transaction\) dim\(.+\)\n$/)
    assert.deepEqual(await scratch.from('notes').orderBy('id').select('id', 'body'), [
      { id: 1, body: 'first' },
      { id: 2, body: 'second' },
    ])
  }).timeout(60_000)

  test('db:backup names the pg_dump version the server needs', async ({ assert, cleanup }) => {
    const result = await db.rawQuery('show server_version_num')
    const serverMajor = Math.floor(Number(result.rows[0].server_version_num) / 10_000)
    const fakeBin = await mkdtemp(join(tmpdir(), 'roomchat-old-pg-dump-'))
    cleanup(() => rm(fakeBin, { recursive: true, force: true }))
    await writeFile(
      join(fakeBin, 'pg_dump'),
      `#!/bin/sh\necho "pg_dump (PostgreSQL) ${serverMajor - 1}.9"\n`
    )
    await chmod(join(fakeBin, 'pg_dump'), 0o755)
    const path = process.env.PATH
    process.env.PATH = `${fakeBin}${delimiter}${path}`
    cleanup(() => {
      process.env.PATH = path
    })

    const backup = await ace.create(DbBackup, [])
    await backup.exec()
    backup.assertFailed()
    assert.isUndefined(backup.result)
    backup.assertLog('red(pg_dump did not finish)', 'stderr')
    backup.assertLog(
      `[ red(error) ] pg_dump ${serverMajor} or newer is needed for PostgreSQL ${serverMajor}, found pg_dump ${serverMajor - 1}.9 on PATH: install postgresql-client-${serverMajor}`,
      'stderr'
    )
  })

  test('db:restore refuses a missing file', async () => {
    const restore = await ace.create(DbRestore, ['database/dumps/missing.dump'])
    await restore.exec()
    restore.assertFailed()
    restore.assertLog(
      `[ red(error) ] Dump file not found: ${app.makePath('database/dumps/missing.dump')}`,
      'stderr'
    )
  })
})

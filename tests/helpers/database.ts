import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'

/**
 * Runs an Ace command in the test process and throws when it fails
 */
async function run(command: string, args: string[]) {
  const ace = await app.container.make('ace')
  const result = await ace.exec(command, args)
  if (result.exitCode) {
    throw result.error ?? new Error(`"${command}" failed`)
  }
}

/**
 * `testUtils.db().truncate()` without the migration lock: the lock is a
 * PostgreSQL advisory lock taken and released by two queries that the pool
 * may send over two different connections while background work (lobby
 * activity, chat feeds) holds one, and a lock left behind fails every test
 * after it. Only this process migrates the test database.
 */
export async function truncateTables() {
  await run('migration:run', ['--compact-output', '--no-schema-generate', '--disable-locks'])
  return () => truncateAll()
}

/**
 * SQLSTATE of a transaction PostgreSQL chose as a deadlock's victim
 */
const DEADLOCK_DETECTED = '40P01'

/**
 * SQLSTATE of a statement that needs a superuser (session_replication_role)
 */
const INSUFFICIENT_PRIVILEGE = '42501'

/**
 * Empties every table, again when PostgreSQL made it a deadlock's victim:
 * it locks tables in turn while the app's background work of the test that
 * just ended (chat hooks, lobby activity) may still read some of them in
 * another order. Left full, the next test would see this one's rows.
 */
async function truncateAll(attempts = 3): Promise<void> {
  try {
    await deleteRows().catch((error) => {
      if ((error as { code?: unknown }).code !== INSUFFICIENT_PRIVILEGE) throw error
      return run('db:truncate', [])
    })
  } catch (error) {
    if ((error as { code?: unknown }).code !== DEADLOCK_DETECTED || attempts <= 1) {
      throw error
    }
    await truncateAll(attempts - 1)
  }
}

/**
 * What `db:truncate` does, for a test's few rows in a fraction of the time:
 * a TRUNCATE of every table replaces each one's files (about 80 ms a test
 * here, over a minute of a CI run), where deleting the rows of the tables
 * that have any takes one or two. Foreign keys are not checked meanwhile
 * (`session_replication_role = replica`, for this transaction only: every
 * row goes), which needs a superuser, as the embedded cluster's is; another
 * database user gets `db:truncate` instead. Sequences go on, as with it.
 */
async function deleteRows() {
  const { rows: tables } = await db.rawQuery<{ rows: { name: string }[] }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables
     WHERE schemaname = 'public' AND tablename NOT IN ('adonis_schema', 'adonis_schema_versions')`
  )
  if (tables.length === 0) return
  const exists = tables.map(
    ({ name }) => `CASE WHEN EXISTS (SELECT 1 FROM ${name}) THEN '${name}' END`
  )
  const {
    rows: [{ filled }],
  } = await db.rawQuery<{ rows: { filled: string[] }[] }>(
    `SELECT array_remove(ARRAY[${exists.join(', ')}]::text[], NULL) AS filled`
  )
  if (filled.length === 0) return
  await db.transaction(async (trx) => {
    await trx.rawQuery('SET LOCAL session_replication_role = replica')
    for (const name of filled) await trx.rawQuery(`DELETE FROM ${name}`)
  })
}

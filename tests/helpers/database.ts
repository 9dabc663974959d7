import app from '@adonisjs/core/services/app'

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
 * Empties every table, again when PostgreSQL made the TRUNCATE a deadlock's
 * victim: it locks every table in turn while the app's background work of
 * the test that just ended (chat hooks, lobby activity) may still read some
 * of them in another order. Left full, the next test would see this one's rows.
 */
async function truncateAll(attempts = 3): Promise<void> {
  try {
    await run('db:truncate', [])
  } catch (error) {
    if ((error as { code?: unknown }).code !== DEADLOCK_DETECTED || attempts <= 1) {
      throw error
    }
    await truncateAll(attempts - 1)
  }
}

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
  return () => run('db:truncate', [])
}

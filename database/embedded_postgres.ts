import { isAbsolute } from 'node:path'
import type { ApplicationService } from '@adonisjs/core/types'
import env from '#start/env'
import { startOrReuseCluster, type Report } from '#database/embedded_postgres_cluster'

/**
 * True when neither DATABASE_URL nor DB_HOST configures a database
 */
function isDatabaseUnconfigured() {
  return !env.get('DATABASE_URL') && !env.get('DB_HOST')
}

/**
 * With no database configured, starts (or reuses, when another process of the
 * app holds it) a real PostgreSQL whose data lives in EMBEDDED_PG_DIR
 * (default tmp/postgres/<NODE_ENV>), and points the DB_* variables at it.
 * What it did is logged once the app has booted (the logger exists then).
 */
export async function useEmbeddedPostgresWhenUnconfigured(
  app: ApplicationService,
  options: { migrate: boolean }
) {
  if (!isDatabaseUnconfigured()) {
    return
  }

  const lines: Parameters<Report>[] = []
  const cluster = await startOrReuseCluster(resolveDataDir(app), {
    cwd: app.makePath(),
    report: (...line) => lines.push(line),
    throwaway: app.inTest,
  })
  env.set('DB_HOST', cluster.host)
  env.set('DB_PORT', cluster.port)
  env.set('DB_USER', cluster.user)
  env.set('DB_PASSWORD', cluster.password)
  env.set('DB_DATABASE', cluster.database)
  app.terminating(() => cluster.stop())

  app.booted(async () => {
    const logger = await app.container.make('logger')
    const report: Report = (line, level = 'info') => logger[level](line)
    lines.forEach((line) => report(...line))
    if (options.migrate) {
      await runPendingMigrations(app, report)
    }
  })
}

/**
 * For `node ace serve`: the dev command's own process holds the embedded
 * PostgreSQL, so the dev server it restarts (and SIGKILLs on Ctrl-C) reuses
 * it, and it stops when the command ends. On Ctrl-C the dev server's command
 * simply runs out of work (no terminate), hence `beforeExit`.
 */
export async function holdEmbeddedPostgresWhenUnconfigured(
  app: ApplicationService,
  report: Report
) {
  if (!isDatabaseUnconfigured()) {
    return
  }
  const cluster = await startOrReuseCluster(resolveDataDir(app), { cwd: app.makePath(), report })
  app.terminating(() => cluster.stop())
  process.once('beforeExit', () => cluster.stop())
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
 * Applies every pending migration, the way `node ace migration:run` would,
 * and says how many it applied
 */
async function runPendingMigrations(app: ApplicationService, report: Report) {
  const { MigrationRunner } = await import('@adonisjs/lucid/migration')
  const db = await app.container.make('lucid.db')
  const migrator = new MigrationRunner(db, app, { direction: 'up', dryRun: false })
  await migrator.run()
  if (migrator.error) {
    throw migrator.error
  }
  const applied = Object.keys(migrator.migratedFiles).length
  report(
    applied === 0 ? 'Database schema is up to date' : `Applied ${applied} pending migration(s)`
  )
}

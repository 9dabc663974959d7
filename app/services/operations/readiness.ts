import { HealthChecks, Result } from '@adonisjs/core/health'
import { DbCheck, type Database } from '@adonisjs/lucid/database'
import type { Logger } from '@adonisjs/core/logger'

/**
 * A readiness probe must answer fast, even when the database hangs
 */
const DATABASE_TIMEOUT_MS = 2000

/**
 * Lucid's DbCheck, failed when the database has not answered in time
 */
class DbCheckWithDeadline extends DbCheck {
  async run() {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<Result>((resolve) => {
      timer = setTimeout(
        () => resolve(Result.failed(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`))),
        DATABASE_TIMEOUT_MS
      )
    })
    try {
      return await Promise.race([super.run(), late])
    } finally {
      clearTimeout(timer)
    }
  }
}

/**
 * The readiness probe of the web app and of the standalone chat: 200
 * `{ status: 'ok', checks: { database: 'ok' } }` when the database answers,
 * else 503 with `error` in place of `ok` (the failure is logged)
 */
export async function readiness(db: Database, logger: Logger) {
  const report = await new HealthChecks()
    .register([new DbCheckWithDeadline(db.connection()).as('database')])
    .run()
  const checks: Record<string, 'ok' | 'error'> = {}
  for (const check of report.checks) {
    checks[check.name] = check.status === 'error' ? 'error' : 'ok'
    if (check.status === 'error') {
      logger.error(
        { err: check.meta?.error ?? check.message },
        `readiness: ${check.name} check failed`
      )
    }
  }
  const status = report.isHealthy ? ('ok' as const) : ('error' as const)
  return { httpStatus: report.isHealthy ? 200 : 503, body: { status, checks } }
}

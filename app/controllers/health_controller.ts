import { inject } from '@adonisjs/core'
import { Database } from '@adonisjs/lucid/database'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A readiness probe must answer fast, even when the database hangs
 */
const DATABASE_TIMEOUT_MS = 2000

/**
 * Liveness and readiness probes for load balancers, Docker and orchestrators
 */
@inject()
export default class HealthController {
  constructor(protected db: Database) {}

  /**
   * The process is up and serves HTTP
   */
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  /**
   * The process can do its work: the database answers `select 1`
   */
  async ready({ logger, response }: HttpContext) {
    try {
      await this.pingDatabase()
      return response.ok({ status: 'ok', checks: { database: 'ok' } })
    } catch (error) {
      logger.error({ err: error }, 'readiness: database check failed')
      return response.serviceUnavailable({ status: 'error', checks: { database: 'error' } })
    }
  }

  /**
   * Resolves once the database answered, rejects on error or timeout
   */
  private async pingDatabase() {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${DATABASE_TIMEOUT_MS} ms`)),
        DATABASE_TIMEOUT_MS
      )
    })
    try {
      await Promise.race([this.db.rawQuery('select 1'), timeout])
    } finally {
      clearTimeout(timer)
    }
  }
}

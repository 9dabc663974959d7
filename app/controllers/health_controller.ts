import { inject } from '@adonisjs/core'
import { Database } from '@adonisjs/lucid/database'
import ChatReadiness from '#services/chat_readiness'
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
  constructor(
    protected db: Database,
    protected chat: ChatReadiness
  ) {}

  /**
   * The process is up and serves HTTP
   */
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  /**
   * The process can do its work: the database answers `select 1` and, when
   * the chat runs in this process, it can accept another socket
   */
  async ready({ logger, response }: HttpContext) {
    const chat = this.chat.check()
    const database = await this.pingDatabase().then(
      () => 'ok' as const,
      (error) => {
        logger.error({ err: error }, 'readiness: database check failed')
        return 'error' as const
      }
    )
    const checks = chat === null ? { database } : { database, chat }
    if (database === 'ok' && chat !== 'full') {
      return response.ok({ status: 'ok', checks })
    }
    return response.serviceUnavailable({ status: 'error', checks })
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

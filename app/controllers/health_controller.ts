import { inject } from '@adonisjs/core'
import { Database } from '@adonisjs/lucid/database'
import ChatReadiness from '#services/chat/chat_readiness'
import type { HttpContext } from '@adonisjs/core/http'
import { readiness } from '#services/operations/readiness'

/**
 * Liveness and readiness probes for load balancers, Docker and orchestrators
 */
@inject()
export default class HealthController {
  constructor(
    protected db: Database,
    protected chats: ChatReadiness
  ) {}

  /**
   * The process is up and serves HTTP
   */
  live({ response }: HttpContext) {
    return response.ok({ status: 'ok' })
  }

  /**
   * The process can do its work: the database answers and, when the chat
   * runs in this process, it can accept another socket
   */
  async ready({ logger, response }: HttpContext) {
    const { httpStatus, body } = await readiness(this.db, logger, this.chats.tracked())
    return response.status(httpStatus).send(body)
  }
}

import { BaseCheck, HealthChecks, Result } from '@adonisjs/core/health'
import { DbCheck, type Database } from '@adonisjs/lucid/database'
import type { Logger } from '@adonisjs/core/logger'
import type { ChatWithCapacity } from '#services/chat/chat_readiness'

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
 * Fails while a chat of this process cannot accept another socket: at its
 * socket cap, or with few file descriptors left under the open-files limit
 */
class ChatCapacityCheck extends BaseCheck {
  name = 'chat'

  constructor(private readonly chats: ChatWithCapacity[]) {
    super()
  }

  async run() {
    const states = this.chats.map((chat) => chat.capacity())
    const meta = { sockets: states.map((state) => `${state.sockets}/${state.maxSockets}`) }
    return states.every((state) => state.accepting)
      ? Result.ok('accepting sockets').mergeMetaData(meta)
      : Result.failed('at the socket cap or near the open-files limit').mergeMetaData(meta)
  }
}

/**
 * The readiness probe of the web app and of the standalone chat: 200
 * `{ status: 'ok', checks: { database: 'ok', chat: 'ok' } }` when the
 * database answers and the chats of this process (if any; `chat` is absent
 * without) can accept another socket, else 503 with `error` (database) or
 * `full` (chat) in place of `ok` (the failure is logged)
 */
export async function readiness(db: Database, logger: Logger, chats: ChatWithCapacity[] = []) {
  const database = new DbCheckWithDeadline(db.connection()).as('database')
  const checks = new HealthChecks().register(
    chats.length > 0 ? [database, new ChatCapacityCheck(chats)] : [database]
  )
  const report = await checks.run()
  const answers: Record<string, 'ok' | 'error' | 'full'> = {}
  for (const check of report.checks) {
    if (check.status !== 'error') {
      answers[check.name] = 'ok'
    } else if (check.name === 'chat') {
      answers[check.name] = 'full'
      logger.warn({ sockets: check.meta?.sockets }, `readiness: chat ${check.message}`)
    } else {
      answers[check.name] = 'error'
      logger.error(
        { err: check.meta?.error ?? check.message },
        `readiness: ${check.name} check failed`
      )
    }
  }
  const status = report.isHealthy ? ('ok' as const) : ('error' as const)
  return { httpStatus: report.isHealthy ? 200 : 503, body: { status, checks: answers } }
}

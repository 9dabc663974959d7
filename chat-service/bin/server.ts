/*
|--------------------------------------------------------------------------
| Standalone chat service entrypoint
|--------------------------------------------------------------------------
|
| Boots AdonisJS without the HTTP kernel and serves the WebSocket chat on
| CHAT_HOST:CHAT_PORT (path /ws), plus /health/live, /health/ready (503 when
| the database fails or the chat is at its socket cap) and, with
| METRICS_TOKEN set, Prometheus metrics at /metrics (bearer token). Same
| adapters and protocol as the in-process chat; nodes talk over CHAT_BUS
| (postgres by default). SIGTERM/SIGINT: stop accepting, close sockets with
| 1001, close the bus and the database, exit.
|
*/

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from '#bin/ignitor'

/**
 * Shutdown must finish within this, or the process exits anyway
 */
const SHUTDOWN_DEADLINE_MS = 10_000

const app = createIgnitor({ migrate: false }).createApp('console')

try {
  await app.init()
  await app.boot()
  await app.start(async () => {
    const { attachChat } = await import('#providers/chat_provider')
    const { default: chatConfig } = await import('#config/chat')
    const logger = await app.container.make('logger')
    const db = await app.container.make('lucid.db')
    const { metricsRegistry } = await import('#services/operations/metrics')
    const { metricsAccess, metricsErrors } = await import('#services/operations/metrics_access')
    const { readiness } = await import('#services/operations/readiness')

    const server = createServer((request, response) => serveHttp(request, response))
    /* This process's node rings the other nodes on the standalone bus */
    app.config.set('chat.bus', chatConfig.standalone.bus)
    const chat = await attachChat(app, server)
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(chatConfig.standalone.port, chatConfig.standalone.host, resolve)
    })
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : chatConfig.standalone.port
    logger.info('chat service listening on %s:%s', chatConfig.standalone.host, port)
    /* A parent process (tests, a supervisor) learns the port over IPC */
    process.send?.({ chat: 'ready', port })

    let stopping = false
    const stop = async (signal: string) => {
      if (stopping) {
        return
      }
      stopping = true
      logger.info('chat service stopping (%s)', signal)
      setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref()
      server.close()
      await chat.close()
      server.closeAllConnections()
      await app.terminate()
      process.exit(0)
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
    process.once('disconnect', () => stop('parent process gone'))

    /**
     * /health/live: the process serves HTTP. /health/ready: the database answers
     * and the chat can accept another socket (not at its cap nor near the fd limit).
     * /metrics: the same rules as the web app's (404 unless METRICS_TOKEN, 401
     * without it as bearer token).
     */
    async function serveHttp(request: IncomingMessage, response: ServerResponse) {
      const path = new URL(request.url ?? '/', 'http://localhost').pathname
      if (path === '/health/live') {
        return reply(response, 200, { status: 'ok' })
      }
      if (path === '/metrics') {
        const access = metricsAccess(request.headers.authorization)
        if (access !== 'granted') {
          return reply(response, access === 'disabled' ? 404 : 401, metricsErrors[access])
        }
        try {
          const body = await metricsRegistry.metrics()
          response.writeHead(200, {
            'content-type': metricsRegistry.contentType,
            'cache-control': 'no-store',
          })
          return response.end(body)
        } catch (error) {
          logger.error({ err: error }, 'metrics: collecting failed')
          return reply(response, 500, { status: 'error' })
        }
      }
      if (path !== '/health/ready') {
        return reply(response, 404, { status: 'not_found' })
      }
      const { httpStatus, body } = await readiness(db, logger, [chat])
      reply(response, httpStatus, body)
    }
  })
} catch (error) {
  process.exitCode = 1
  await prettyPrintError(error)
  await app.terminate()
}

function reply(response: ServerResponse, status: number, body: Record<string, unknown>) {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' })
  response.end(JSON.stringify(body))
}

/*
|--------------------------------------------------------------------------
| HTTP server entrypoint
|--------------------------------------------------------------------------
|
| Boots the AdonisJS HTTP server. With no database configured it first
| starts (or reuses) the embedded PostgreSQL and applies pending migrations.
|
*/

import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from '#bin/ignitor'

/**
 * A graceful shutdown (sockets closed with 1001, in-flight requests and writes
 * finished, pools closed) must end within this, or the process exits with 1
 */
const SHUTDOWN_DEADLINE_MS = 10_000

/**
 * Starts the graceful shutdown, with a hard deadline
 */
function terminateWithin(app: { terminate(): Promise<void> }, deadlineMs: number) {
  setTimeout(() => process.exit(1), deadlineMs).unref()
  return app.terminate()
}

createIgnitor({ migrate: true })
  .tap((app) => {
    app.listen('SIGTERM', () => terminateWithin(app, SHUTDOWN_DEADLINE_MS))
    app.listen('SIGINT', () => terminateWithin(app, SHUTDOWN_DEADLINE_MS))
  })
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })

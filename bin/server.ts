/*
|--------------------------------------------------------------------------
| HTTP server entrypoint
|--------------------------------------------------------------------------
|
| Boots the AdonisJS HTTP server. With no database configured it first
| starts (or reuses) the embedded PostgreSQL and applies pending migrations.
|
*/

await import('reflect-metadata')
const { Ignitor, prettyPrintError } = await import('@adonisjs/core')

/**
 * URL to the application root
 */
const APP_ROOT = new URL('../', import.meta.url)

/**
 * Imports files in the context of the application
 */
const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

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

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
      const { useEmbeddedPostgresWhenUnconfigured } = await import('#database/embedded_postgres')
      await useEmbeddedPostgresWhenUnconfigured(app, { migrate: true })
    })
    app.listen('SIGTERM', () => terminateWithin(app, SHUTDOWN_DEADLINE_MS))
    app.listen('SIGINT', () => terminateWithin(app, SHUTDOWN_DEADLINE_MS))
  })
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })

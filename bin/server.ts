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

new Ignitor(APP_ROOT, { importer: IMPORTER })
  .tap((app) => {
    app.booting(async () => {
      await import('#start/env')
      const { useEmbeddedPostgresWhenUnconfigured } = await import('#database/embedded_postgres')
      await useEmbeddedPostgresWhenUnconfigured(app, { migrate: true })
    })
    app.listen('SIGTERM', () => app.terminate())
    app.listen('SIGINT', () => app.terminate())
  })
  .httpServer()
  .start()
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })

/*
|--------------------------------------------------------------------------
| Ace entry point
|--------------------------------------------------------------------------
|
| Boots the Ace command-line framework. Commands that start the app use the
| embedded PostgreSQL when no database is configured (reusing a running one).
| `serve` holds the embedded PostgreSQL in this process, so the dev server it
| restarts reuses it and it stops when the command ends.
|
*/

import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from '#bin/ignitor'

const argv = process.argv.splice(2)
const commandName = argv.find((value) => !value.startsWith('-'))

createIgnitor({ migrate: false })
  .tap((app) => {
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .ace()
  .configure(async (app) => {
    if (commandName !== 'serve' || argv.includes('--help') || argv.includes('-h')) {
      return
    }
    await import('#start/env')
    const { holdEmbeddedPostgresWhenUnconfigured } = await import('#database/embedded_postgres')
    const ace = await app.container.make('ace')
    await holdEmbeddedPostgresWhenUnconfigured(app, (line, level) =>
      level === 'warn' ? ace.ui.logger.warning(line) : ace.ui.logger.info(line)
    )
  })
  .handle(argv)
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })

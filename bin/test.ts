/*
|--------------------------------------------------------------------------
| Test runner entrypoint
|--------------------------------------------------------------------------
|
| Runs the Japa suites, after making sure the programs they run are installed
| (tests/system_requirements.ts) and the browser assets are built
| (tests/built_assets.ts). Tests use their own database: the embedded
| test cluster under tmp/postgres/test, or DB_DATABASE from .env.test.
|
*/

process.env.NODE_ENV = 'test'

import { prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { createIgnitor } from '#bin/ignitor'
import { ensureTestSystemRequirements } from '#tests/system_requirements'
import { ensureBuiltAssets } from '#tests/built_assets'

try {
  ensureTestSystemRequirements((line) => console.log(line))
  ensureBuiltAssets(process.cwd(), (line) => console.log(line))
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}

createIgnitor({ migrate: false })
  .tap((app) => {
    app.listen('SIGTERM', () => app.terminate())
    app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
  })
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown.concat([() => app.terminate()]),
      },
    })
  })
  .run(() => run())
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })

/*
|--------------------------------------------------------------------------
| Test runner entrypoint
|--------------------------------------------------------------------------
|
| Runs the Japa suites, after making sure the programs they run are installed
| (tests/system_requirements.ts) and the browser assets are built
| (tests/built_assets.ts). Tests use their own database: the embedded
| test cluster under tmp/postgres/test, or DB_DATABASE from .env.test.
| A whole run on the embedded cluster splits into lanes that run at once
| (tests/lanes): the browser suite (and a long functional spec, for balance)
| beside unit + functional, each with its own cluster and port. TEST_LANES=1
| runs everything in this one process.
|
*/

process.env.NODE_ENV = 'test'

import { prettyPrintError } from '@adonisjs/core'
import { configure, processCLIArgs, run } from '@japa/runner'
import { createIgnitor } from '#bin/ignitor'
import { ensureTestSystemRequirements } from '#tests/system_requirements'
import { ensureBuiltAssets } from '#tests/built_assets'
import { planLanes } from '#tests/lanes/plan'
import { lanesSummary, runLanes } from '#tests/lanes/run'
import { testEnvironment } from '#tests/lanes/test_environment'
import { laneSuites } from '#tests/lanes/lane_suites'
import { freePort } from '#helpers/free_port'

if (!process.env.TEST_LANE) {
  try {
    ensureTestSystemRequirements((line) => console.log(line))
    ensureBuiltAssets(process.cwd(), (line) => console.log(line))
  } catch (error) {
    console.error((error as Error).message)
    process.exit(1)
  }
}

const args = process.argv.slice(2)
const lanes = planLanes(args, await testEnvironment(process.cwd()), { browser: await freePort() })
if (lanes.length > 0) {
  const results = await runLanes(
    lanes,
    { script: process.argv[1], args, cwd: process.cwd() },
    (text) => process.stdout.write(text)
  )
  const summary = lanesSummary(results)
  process.stdout.write(`\n${summary.text}\n`)
  process.exit(summary.failed > 0 ? 1 : 0)
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
      suites: laneSuites(app.rcFile.tests.suites, process.env.TEST_LANE, app.makePath()),
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

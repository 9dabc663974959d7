import type { NamedReporterContract } from '@japa/runner/types'

/**
 * Prints, as the very last output of the process, the closing line CI reads: "N passed, N failed"
 * ("lane <name>: N passed, N failed" in a lane, which tests/lanes/run.ts adds up). Errors thrown by
 * suite or group hooks count as failures too, so a broken setup never reads
 * as green.
 */
export function summaryReporter(): NamedReporterContract {
  return {
    name: 'summary',
    handler(runner, emitter) {
      emitter.on('runner:end', () => {
        const summary = runner.getSummary()
        const hookErrors = summary.failureTree.reduce((count, suite) => {
          const groupErrors = suite.children.filter(
            (child) => child.type === 'group' && child.errors.length > 0
          ).length
          return count + (suite.errors.length > 0 ? 1 : 0) + groupErrors
        }, 0)
        const { passed, failed, skipped } = summary.aggregates
        const skippedPart = skipped > 0 ? `, ${skipped} skipped` : ''
        const lane = process.env.TEST_LANE ? `lane ${process.env.TEST_LANE}: ` : ''
        const line = `${lane}${passed} passed, ${failed + hookErrors} failed${skippedPart}`
        process.once('exit', () => process.stdout.write(`\n${line}\n`))
      })
    },
  }
}

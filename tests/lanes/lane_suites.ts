import { glob } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { LANE_SUITES } from '#tests/lanes/plan'

/** A suite as adonisrc.ts declares it */
type SuiteConfig = { name: string; files: string | string[] }

/** A suite whose files a lane may have narrowed to a list */
type LaneSuite<Suite extends SuiteConfig> = Omit<Suite, 'files'> & {
  files: Suite['files'] | (() => Promise<URL[]>)
}

/**
 * The suites as lane `laneName` runs them: each one's spec files that the
 * lane keeps (in Japa's order); unchanged outside a lane
 */
export function laneSuites<Suite extends SuiteConfig>(
  suites: Suite[],
  laneName: string | undefined,
  cwd: string
): LaneSuite<Suite>[] {
  const lane = LANE_SUITES.find((candidate) => candidate.name === laneName)
  if (!lane) {
    return suites
  }
  return suites.map((suite) => ({
    ...suite,
    files: async () => {
      const files = await Array.fromAsync(glob(suite.files, { cwd }))
      return files
        .map((file) => file.replaceAll('\\', '/'))
        .filter((file) => lane.keeps(suite.name, file))
        .sort((current, next) =>
          current.localeCompare(next, undefined, { numeric: true, sensitivity: 'base' })
        )
        .map((file) => pathToFileURL(join(cwd, file)))
    },
  }))
}

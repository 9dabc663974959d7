import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { join } from 'node:path'

/**
 * A program the test suites run, and the Debian package that provides it
 */
type SystemRequirement = {
  debianPackage: string
  /** A command looked up on the PATH (and /usr/sbin, /sbin), or an absolute path */
  program: string
  usedBy: string
}

/**
 * Everything the test suites need from the system besides Node.js and
 * node_modules: the one list (bin/test.ts and `node ace test:requirements`
 * install it, CI calls the latter)
 */
export const TEST_SYSTEM_REQUIREMENTS: SystemRequirement[] = [
  {
    debianPackage: 'chromium',
    program: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    usedBy: 'the browser suite',
  },
  {
    debianPackage: 'redis-server',
    program: 'redis-server',
    usedBy: 'the Redis bus, Redis outage and topology tests',
  },
  { debianPackage: 'nginx', program: 'nginx', usedBy: 'the nginx topology test' },
  {
    debianPackage: 'gettext-base',
    program: 'envsubst',
    usedBy: 'nginx/render.sh (the topology test)',
  },
  {
    debianPackage: 'bsdutils',
    program: 'script',
    usedBy: 'the Ctrl-C test (a pseudo-terminal)',
  },
]

/** apt-get update and install download over the network: bounded, not forever */
const APT_TIMEOUT_MS = 15 * 60_000

/**
 * The requirements whose program cannot be found
 */
export function missingRequirements(requirements = TEST_SYSTEM_REQUIREMENTS) {
  return requirements.filter((requirement) => !findProgram(requirement.program))
}

/**
 * Makes sure every program the tests run is installed. Instant when they all
 * are; otherwise, as root on Debian/Ubuntu, installs the missing packages with
 * apt-get (and says so), else throws with the exact command to run.
 */
export function ensureTestSystemRequirements(
  log: (line: string) => void,
  requirements = TEST_SYSTEM_REQUIREMENTS,
  asRoot = process.getuid?.() === 0
) {
  const missing = missingRequirements(requirements)
  if (missing.length === 0) {
    return
  }
  const packages = missing.map((requirement) => requirement.debianPackage)
  const why = missing.map((one) => `${one.program} (${one.debianPackage}, ${one.usedBy})`)
  const install = `apt-get install -y --no-install-recommends ${packages.join(' ')}`

  if (!asRoot || !findProgram('apt-get')) {
    throw new Error(
      `The tests need ${why.join('; ')}. Install with: sudo apt-get update && sudo ${install}` +
        (findProgram('apt-get') ? '' : ' (or the same packages with your system package manager)')
    )
  }

  log(`The tests need ${why.join('; ')}. Installing: apt-get update && ${install}`)
  for (const args of [
    ['update', '-q'],
    ['install', '-y', '-q', '--no-install-recommends', ...packages],
  ]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      timeout: APT_TIMEOUT_MS,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    })
    if (result.error || result.status !== 0) {
      const reason = result.error?.message ?? `exit code ${result.status}`
      throw new Error(`apt-get ${args[0]} failed (${reason}). Run it yourself: ${install}`)
    }
  }
  const stillMissing = missingRequirements(missing)
  if (stillMissing.length > 0) {
    throw new Error(
      `Still missing after apt-get install: ${stillMissing.map((one) => one.program).join(', ')}`
    )
  }
}

/**
 * True when `program` (a command or an absolute path) can be executed
 */
function findProgram(program: string) {
  const candidates = program.includes('/')
    ? [program]
    : [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin']
        .filter(Boolean)
        .map((dir) => join(dir, program))
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK)
      return true
    } catch {
      return false
    }
  })
}

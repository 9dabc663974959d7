import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'

/**
 * An `APP_KEY=` line with no value
 */
const EMPTY_APP_KEY = /^APP_KEY=[ \t]*$/m

/**
 * Gets a developer's first run going with no setup: writes ".env" from
 * ".env.example" with a fresh APP_KEY, or fills in the empty APP_KEY of a
 * ".env" copied from the example by hand (otherwise every command stops on
 * "Missing environment variable APP_KEY"). Never in production or tests,
 * where configuration must be explicit. Says what it did, or null.
 */
export async function createDotEnvOnFirstRun(appRoot: URL) {
  const nodeEnv = process.env.NODE_ENV ?? 'development'
  if (nodeEnv !== 'development' || process.env.APP_KEY) {
    return null
  }

  const dotEnv = new URL('.env', appRoot)
  const existing = await readFile(dotEnv, 'utf8').catch(() => null)
  if (existing !== null) {
    if (!EMPTY_APP_KEY.test(existing)) return null
    await writeFile(dotEnv, withFreshAppKey(existing))
    return 'First run: .env had an empty APP_KEY; wrote a newly generated one into it'
  }

  const example = await readFile(new URL('.env.example', appRoot), 'utf8')
  await writeFile(dotEnv, withFreshAppKey(example), { mode: 0o600 })
  return 'First run: wrote .env from .env.example with a newly generated APP_KEY'
}

function withFreshAppKey(contents: string) {
  return contents.replace(/^APP_KEY=.*$/m, `APP_KEY=${randomBytes(32).toString('base64url')}`)
}

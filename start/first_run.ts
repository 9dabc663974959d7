import { randomBytes } from 'node:crypto'
import { access, readFile, writeFile } from 'node:fs/promises'

/**
 * Writes ".env" from ".env.example" with a fresh APP_KEY when a developer runs
 * the app for the first time, so `npm run dev` needs no setup. It never runs
 * in production or tests, where configuration must be explicit. True when it
 * wrote the file.
 */
export async function createDotEnvOnFirstRun(appRoot: URL) {
  const nodeEnv = process.env.NODE_ENV ?? 'development'
  if (nodeEnv !== 'development' || process.env.APP_KEY) {
    return false
  }

  const dotEnv = new URL('.env', appRoot)
  const exists = await access(dotEnv).then(
    () => true,
    () => false
  )
  if (exists) {
    return false
  }

  const example = await readFile(new URL('.env.example', appRoot), 'utf8')
  const appKey = randomBytes(32).toString('base64url')
  await writeFile(dotEnv, example.replace(/^APP_KEY=.*$/m, `APP_KEY=${appKey}`), { mode: 0o600 })
  return true
}

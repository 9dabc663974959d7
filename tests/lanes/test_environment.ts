import { pathToFileURL } from 'node:url'
import { EnvLoader, EnvParser } from '@adonisjs/core/env'

/**
 * The variables a test process sees before the app boots: the dot-env files
 * AdonisJS reads for NODE_ENV (its EnvLoader: `.env.test.local`, `.env.test`,
 * `.env`, or ENV_PATH), the earlier file winning, and the process's own
 * environment over all of them
 */
export async function testEnvironment(
  root: string,
  processEnv: Record<string, string | undefined> = process.env
): Promise<Record<string, string | undefined>> {
  const appRoot = pathToFileURL(`${root}/`)
  const files = await new EnvLoader(appRoot).load()
  const values = await Promise.all(
    files.map(({ contents }) =>
      new EnvParser(contents, appRoot, { ignoreProcessEnv: true }).parse()
    )
  )
  return Object.assign({}, ...values.reverse(), processEnv)
}

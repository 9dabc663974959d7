import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseEnv } from 'node:util'

/**
 * The variables a test process sees before the app boots: .env, then
 * .env.test over it, then the process's own environment over both (the
 * order AdonisJS loads them in)
 */
export async function testEnvironment(
  root: string,
  processEnv: Record<string, string | undefined> = process.env
): Promise<Record<string, string | undefined>> {
  const files = await Promise.all(
    ['.env', '.env.test'].map((name) => readEnvFile(join(root, name)))
  )
  return Object.assign({}, ...files, processEnv)
}

/**
 * The variables of one env file; none when it does not exist
 */
async function readEnvFile(path: string) {
  try {
    return parseEnv(await readFile(path, 'utf8'))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {}
    throw error
  }
}

import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

/**
 * Absolute path of the project root
 */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url))

/**
 * Absolute path inside the project root
 */
export function projectPath(...parts: string[]) {
  return join(projectRoot, ...parts)
}

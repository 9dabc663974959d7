import { readFileSync } from 'node:fs'
import { projectPath } from '../lib/paths.js'

/**
 * The NODE_OPTIONS the production image sets (`ENV NODE_OPTIONS=…` in the
 * Dockerfile, inherited by the chat image), so the bench runs its servers
 * with the same Node flags as the product; '' when the Dockerfile sets none
 */
export function imageNodeOptions(dockerfile = readFileSync(projectPath('Dockerfile'), 'utf8')) {
  const match = dockerfile.match(/^\s*(?:ENV\s+)?NODE_OPTIONS=(?:"([^"]*)"|(\S+))/m)
  return match ? (match[1] ?? match[2]) : ''
}

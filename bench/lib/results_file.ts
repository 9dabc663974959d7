import { mkdir, writeFile } from 'node:fs/promises'
import { projectPath } from './paths.js'

/**
 * Writes a run to bench/results/latest.json and a dated copy beside it
 * (only latest.json is committed); returns the path of latest.json
 */
export async function writeResults(run: {
  startedAt: string
  profile: string
  [key: string]: unknown
}) {
  const folder = projectPath('bench', 'results')
  await mkdir(folder, { recursive: true })
  const json = `${JSON.stringify(run, null, 2)}\n`
  const stamp = run.startedAt.replace(/[:.]/g, '-')
  await writeFile(`${folder}/${stamp}-${run.profile}.json`, json)
  await writeFile(`${folder}/latest.json`, json)
  return `${folder}/latest.json`
}

import { mkdir, writeFile } from 'node:fs/promises'
import { projectPath } from './paths.js'

/**
 * Writes a run to a dated file in bench/results and, for a full run of
 * every scenario, to latest.json (the only one committed); a quick smoke run
 * or an `--only` run never replaces the figures of the last full run.
 * Returns the path written last.
 */
export async function writeResults(run: {
  startedAt: string
  profile: string
  /** Every scenario ran */
  complete: boolean
  [key: string]: unknown
}) {
  const folder = projectPath('bench', 'results')
  await mkdir(folder, { recursive: true })
  const json = `${JSON.stringify(run, null, 2)}\n`
  const stamp = run.startedAt.replace(/[:.]/g, '-')
  const dated = `${folder}/${stamp}-${run.profile}.json`
  await writeFile(dated, json)
  if (run.profile !== 'full' || !run.complete) {
    return dated
  }
  await writeFile(`${folder}/latest.json`, json)
  return `${folder}/latest.json`
}

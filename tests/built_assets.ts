import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/**
 * What Vite's build depends on, relative to the project root
 */
const BUILD_INPUTS = [
  'resources/js',
  'resources/css',
  'vite.config.ts',
  'config/vite.ts',
  'package-lock.json',
]

/** The manifest `vite build` writes last (config/vite.ts) */
const MANIFEST = 'public/assets/.vite/manifest.json'

/**
 * Newest modification time of a file, or of any file under a folder
 */
function newestChange(path: string): number {
  if (!existsSync(path)) return 0
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  return readdirSync(path).reduce(
    (newest, entry) => Math.max(newest, newestChange(join(path, entry))),
    stats.mtimeMs
  )
}

/**
 * Whether public/assets is missing or older than one of its sources
 */
export function builtAssetsStale(root: string) {
  const manifest = join(root, MANIFEST)
  if (!existsSync(manifest)) return true
  const builtAt = statSync(manifest).mtimeMs
  return BUILD_INPUTS.some((input) => newestChange(join(root, input)) > builtAt)
}

/**
 * Builds the browser assets with Vite, as `node ace build` does, when they
 * are missing or older than their sources: the test server and the
 * production-mode app processes of the tests serve the same fingerprinted
 * bundles as a deployment (instant when nothing changed)
 */
export function ensureBuiltAssets(root: string, log: (line: string) => void) {
  if (!builtAssetsStale(root)) return
  log('Building the browser assets (vite build into public/assets)')
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    throw new Error(`vite build failed (${result.status}):\n${result.stdout}${result.stderr}`)
  }
}

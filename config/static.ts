import { sep } from 'node:path'
import { defineConfig } from '@adonisjs/static'

/**
 * Files under public/. Vite's builds in public/assets have their content
 * hash in their names, so browsers and proxies may keep them for a year
 * without asking again; other files (the favicon) are revalidated by ETag.
 */
const staticServerConfig = defineConfig({
  enabled: true,
  etag: true,
  lastModified: true,
  dotFiles: 'ignore',
  headers: (path) =>
    isFingerprinted(path) ? { 'cache-control': 'public, max-age=31536000, immutable' } : {},
})

/**
 * Whether a served file is one of Vite's fingerprinted builds
 */
function isFingerprinted(path: string) {
  return path.includes(`${sep}public${sep}assets${sep}`)
}

export default staticServerConfig

import { defineConfig } from '@adonisjs/vite'

/**
 * Where the app finds what Vite built: `node ace build` (and `node ace test`,
 * when the sources changed) writes fingerprinted files and their manifest to
 * public/assets, served under /assets with a year-long, immutable
 * Cache-Control (config/static.ts). Under `node ace serve` Vite's dev server
 * answers instead, with hot module replacement.
 */
const viteBackendConfig = defineConfig({
  buildDirectory: 'public/assets',
  manifestFile: 'public/assets/.vite/manifest.json',
  assetsUrl: '/assets',
})

export default viteBackendConfig

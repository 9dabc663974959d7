import ViteProvider from '@adonisjs/vite/vite_provider'

/**
 * @adonisjs/vite's provider, with its dev server under `node ace serve` only
 * (assembler sets DEV_MODE): the package also starts one under tests, but
 * `node ace test` builds the assets first (tests/built_assets.ts), so the
 * browser specs load the same fingerprinted bundles as production, and
 * parallel test runs never compete for Vite's HMR port or file watchers.
 */
export default class AppViteProvider extends ViteProvider {
  /**
   * Starts Vite's dev server in development only
   */
  async start() {
    if (!process.env.DEV_MODE) {
      return
    }
    await super.start()
  }
}

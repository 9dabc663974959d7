import { fileURLToPath } from 'node:url'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * The Transmit SSE client build (a self-contained ES module), resolved once
 */
const transmitClientPath = fileURLToPath(import.meta.resolve('@adonisjs/transmit-client'))

/**
 * Browser builds of npm packages, served by the app itself (self-hosted
 * instances may have no internet access, so no CDN)
 */
export default class VendorAssetsController {
  /**
   * The Transmit SSE client used by the live lobby
   */
  async transmitClient({ response }: HttpContext) {
    response.header('cache-control', 'public, max-age=86400')
    return response.download(transmitClientPath)
  }
}

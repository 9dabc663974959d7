import { timingSafeEqual } from 'node:crypto'
import env from '#start/env'
import { metricsRegistry } from '#services/metrics'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Prometheus scrape endpoint: 404 unless METRICS_TOKEN is set, 401 without
 * `Authorization: Bearer <METRICS_TOKEN>`
 */
export default class MetricsController {
  async show({ request, response }: HttpContext) {
    const expected = env.get('METRICS_TOKEN')
    if (!expected) {
      return response.notFound({
        errors: [{ code: 'E_NOT_FOUND', message: 'Metrics are disabled' }],
      })
    }
    const given = request.header('authorization')?.replace(/^Bearer\s+/i, '') ?? ''
    if (!sameSecret(given, expected)) {
      return response.unauthorized({
        errors: [{ code: 'E_UNAUTHORIZED_ACCESS', message: 'Bad metrics token' }],
      })
    }
    response.header('content-type', metricsRegistry.contentType)
    return metricsRegistry.metrics()
  }
}

/**
 * Constant-time comparison of two secrets
 */
function sameSecret(given: string, expected: string) {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

import { metricsRegistry } from '#services/operations/metrics'
import { metricsAccess, metricsErrors } from '#services/operations/metrics_access'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Prometheus scrape endpoint: 404 unless METRICS_TOKEN is set, 401 without
 * `Authorization: Bearer <METRICS_TOKEN>`
 */
export default class MetricsController {
  async show({ request, response }: HttpContext) {
    const access = metricsAccess(request.header('authorization'))
    if (access === 'disabled') {
      return response.notFound(metricsErrors.disabled)
    }
    if (access === 'refused') {
      return response.unauthorized(metricsErrors.refused)
    }
    response.header('content-type', metricsRegistry.contentType)
    return metricsRegistry.metrics()
  }
}

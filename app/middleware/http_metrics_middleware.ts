import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { httpDuration, httpRequests } from '#services/operations/metrics'

/**
 * Counts and times every HTTP request once the response is sent (so errors
 * count with their final status), labelled by route pattern — never the raw
 * URL, which would put ids and search terms into label values
 */
export default class HttpMetricsMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const stopTimer = httpDuration.startTimer()
    ctx.response.response.once('finish', () => {
      const method = ctx.request.method()
      const route = ctx.route?.pattern ?? 'unmatched'
      stopTimer({ method, route })
      httpRequests.inc({ method, route, status: String(ctx.response.response.statusCode) })
    })
    return next()
  }
}

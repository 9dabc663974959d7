import { loggablePath } from '#helpers/loggable_path'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Probes and scrapes run every few seconds: logged at debug only */
const QUIET_PATHS = /^\/(health\/|metrics$)/

/**
 * One access-log line per request, written through the request's logger so it
 * carries `request_id` (also sent back as X-Request-Id). Logs the client IP
 * (X-Forwarded-For only from TRUSTED_PROXIES), the path without its query
 * string (search terms, tickets), and never headers or bodies.
 */
export default class RequestLogMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    const started = performance.now()
    ctx.response.response.once('finish', () => {
      const url = loggablePath(ctx.request.url())
      const entry = {
        method: ctx.request.method(),
        url,
        ip: ctx.request.ip(),
        route: ctx.route?.pattern ?? null,
        status: ctx.response.response.statusCode,
        duration_ms: Math.round((performance.now() - started) * 10) / 10,
      }
      if (QUIET_PATHS.test(url)) {
        ctx.logger.debug(entry, 'http request')
      } else {
        ctx.logger.info(entry, 'http request')
      }
    })
    return next()
  }
}

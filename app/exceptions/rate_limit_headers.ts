import type { HttpContext } from '@adonisjs/core/http'
import type { errors as limiterErrors } from '@adonisjs/limiter'

/**
 * Adds Retry-After (seconds) and the X-RateLimit-* headers of a refused request to its 429 answer
 */
export function setRateLimitHeaders(
  error: InstanceType<typeof limiterErrors.E_TOO_MANY_REQUESTS>,
  response: HttpContext['response']
) {
  for (const [name, value] of Object.entries(error.getDefaultHeaders())) {
    response.header(name, value)
  }
}

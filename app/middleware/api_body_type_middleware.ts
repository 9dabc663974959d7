import UnsupportedMediaTypeException from '#exceptions/unsupported_media_type_exception'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * The JSON API reads the bodies the bodyparser parses (JSON, and HTML-form
 * fields); any other body (text/plain, XML, multipart, none declared), or
 * JSON sent as a form (curl -d without -H), is refused with 415 instead of
 * being read as empty ("The message cannot be empty.")
 */
export default class ApiBodyTypeMiddleware {
  handle({ request }: HttpContext, next: NextFn) {
    if (BODY_METHODS.has(request.method()) && hasContent(request) && !isReadable(request)) {
      throw new UnsupportedMediaTypeException()
    }
    return next()
  }
}

/** The methods whose body the bodyparser reads (config/bodyparser.ts) */
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Whether the request carries body bytes: an empty one (Content-Length: 0,
 * as fetch sends for a POST without a body) has nothing to misread
 */
function hasContent(request: HttpContext['request']) {
  const length = Number(request.header('content-length') ?? 0)
  return request.header('transfer-encoding') !== undefined || length > 0
}

function isReadable(request: HttpContext['request']) {
  if (request.is(['application/json', 'application/vnd.api+json'])) return true
  if (!request.is(['application/x-www-form-urlencoded'])) return false
  return !/^\s*[[{]/.test(request.raw() ?? '')
}

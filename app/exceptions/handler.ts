import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { apiErrorBody } from '#exceptions/api_error_body'
import { setRateLimitHeaders } from '#exceptions/rate_limit_headers'

/**
 * Browsers get the 403 page for a refused action instead of a redirect back
 */
function isAuthorizationFailure(
  error: unknown
): error is InstanceType<typeof bouncerErrors.E_AUTHORIZATION_FAILURE> {
  return error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE
}

/**
 * The 403 page, with the policy's reason in the request's language when there is one
 */
function renderForbidden(error: unknown, ctx: HttpContext) {
  const message = isAuthorizationFailure(error) ? error.getResponseMessage(ctx) : undefined
  return ctx.view.render('pages/errors/forbidden', { message })
}

/**
 * A rate limit hit: Retry-After and the limit's message in the request's
 * language, as the API's JSON error body or on the 429 page
 */
async function renderThrottled(
  error: InstanceType<typeof limiterErrors.E_TOO_MANY_REQUESTS>,
  ctx: HttpContext,
  json: boolean
) {
  setRateLimitHeaders(error, ctx.response)
  const message = error.getResponseMessage(ctx)
  const body = json
    ? { errors: [{ code: error.code, message }] }
    : await ctx.view.render('pages/errors/too_many_requests', { message })
  return ctx.response.status(error.status).send(body)
}

/**
 * Retry-After for a refusal that says when to come back (`retryAfterSeconds`)
 */
function setRetryAfter(error: unknown, response: HttpContext['response']) {
  const seconds = (error as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds
  if (typeof seconds === 'number') {
    response.header('Retry-After', String(seconds))
  }
}

/**
 * A browser script's JSON request (e.g. marking a room read) rather than a page
 */
function wantsJson(ctx: HttpContext) {
  return ctx.request.accepts(['html', 'json']) === 'json'
}

/**
 * Turns exceptions into responses: JSON `{ errors: [...] }` under /api
 * and for requests that accept only JSON, status pages for browsers.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction && !app.inTest

  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, ctx) => renderForbidden(error, ctx),
    '404': (_, { view }) => view.render('pages/errors/not_found'),
    '500..599': (_, { view }) => view.render('pages/errors/server_error'),
  }

  async handle(error: unknown, ctx: HttpContext) {
    const json = ctx.request.url().startsWith('/api/') || wantsJson(ctx)
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      return renderThrottled(error, ctx, json)
    }
    if (json) {
      const { status, body } = apiErrorBody(error, app.inProduction)
      setRetryAfter(error, ctx.response)
      return ctx.response.status(status).send(body)
    }
    if (isAuthorizationFailure(error)) {
      const page = await renderForbidden(error, ctx)
      return ctx.response.status(403).send(page)
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}

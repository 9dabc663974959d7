import app from '@adonisjs/core/services/app'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { apiErrorBody } from '#exceptions/api_error_body'

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
    if (ctx.request.url().startsWith('/api/') || wantsJson(ctx)) {
      const { status, body } = apiErrorBody(error, app.inProduction)
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

import { Logger } from '@adonisjs/core/logger'
import { HttpContext } from '@adonisjs/core/http'
import { type NextFn } from '@adonisjs/core/types/http'
import ReadMarkerService from '#services/rooms/read_marker_service'

/**
 * Binds the request's HttpContext and logger in the container, so services
 * injected per request receive them; and one ReadMarkerService per request,
 * so the page's regions (sidebar, direct conversations, lobby) share its
 * unread counts instead of each reading them.
 */
export default class ContainerBindingsMiddleware {
  handle(ctx: HttpContext, next: NextFn) {
    ctx.containerResolver.bindValue(HttpContext, ctx)
    ctx.containerResolver.bindValue(Logger, ctx.logger)
    ctx.containerResolver.bindValue(ReadMarkerService, new ReadMarkerService())
    return next()
  }
}

import { inject } from '@adonisjs/core'
import StaticMiddleware from '@adonisjs/static/static_middleware'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Serves the files of public/ (@adonisjs/static) to the paths that can name
 * one. Every file there has an extension, so a path whose last segment has
 * none (a page, an API route, a health check) goes straight on, without the
 * file system lookup the static server makes for each path it is given.
 */
@inject()
export default class StaticFilesMiddleware {
  constructor(protected files: StaticMiddleware) {}

  handle(ctx: HttpContext, next: NextFn) {
    const path = ctx.request.url()
    if (!path.slice(path.lastIndexOf('/') + 1).includes('.')) {
      return next()
    }
    return this.files.handle(ctx, next)
  }
}

import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { preferredTheme } from '#helpers/color_theme'

/**
 * Shares the remembered color theme with Edge, so the layout puts it on
 * <html> and the page renders in that theme from the first paint
 */
export default class DetectColorThemeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.view.share({ theme: preferredTheme(ctx.request) })
    return next()
  }
}

import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'
import type { DateTime } from 'luxon'
import { preferredLocale } from '#helpers/user_locale'
import { formatTimeAgo } from '#helpers/relative_time'

/**
 * Picks the request's language (switcher cookie, then Accept-Language) and
 * shares its i18n object with the context, the container, Edge (with a
 * `timeAgo(date)` helper) and VineJS. Runs as server middleware so status
 * pages of unknown URLs are translated too.
 */
export default class DetectUserLocaleMiddleware {
  /**
   * Validation messages of `request.validateUsing` come from the translations
   */
  static {
    RequestValidator.messagesProvider = (ctx) => {
      return ctx.i18n.createMessagesProvider()
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    ctx.i18n = i18nManager.locale(preferredLocale(ctx.request))
    ctx.containerResolver.bindValue(I18n, ctx.i18n)
    ctx.view.share({
      i18n: ctx.i18n,
      timeAgo: (date: DateTime) => formatTimeAgo(ctx.i18n, date),
    })
    ctx.response.append('Vary', 'Accept-Language')
    return next()
  }
}

/**
 * Notify TypeScript about i18n property
 */
declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}

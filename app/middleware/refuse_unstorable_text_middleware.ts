import UnstorableTextException from '#exceptions/unstorable_text_exception'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Refuses, with a 400, any body or query string holding a key or value
 * PostgreSQL would not store as sent: U+0000 fails in text (it would end as a
 * 500) and a lone surrogate is stored as U+FFFD (a resent client_id would then
 * never match its row)
 */
export default class RefuseUnstorableTextMiddleware {
  handle({ request }: HttpContext, next: NextFn) {
    if (holdsUnstorableText(request.all())) {
      throw new UnstorableTextException()
    }
    return next()
  }
}

function isUnstorable(text: string) {
  return text.includes('\u0000') || !text.isWellFormed()
}

/**
 * Whether a key or value anywhere in `value` is text PostgreSQL would not
 * store as sent
 */
export function holdsUnstorableText(value: unknown): boolean {
  if (typeof value === 'string') {
    return isUnstorable(value)
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).some(
      ([key, entry]) => isUnstorable(key) || holdsUnstorableText(entry)
    )
  }
  return false
}

import NulCharacterException from '#exceptions/nul_character_exception'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Refuses, with a 400, any body or query string holding U+0000 in a key or
 * value: PostgreSQL rejects it in text, so it would otherwise end as a 500
 */
export default class RefuseNulCharactersMiddleware {
  handle({ request }: HttpContext, next: NextFn) {
    if (holdsNul(request.all())) {
      throw new NulCharacterException()
    }
    return next()
  }
}

function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') {
    return value.includes('\u0000')
  }
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, entry]) => key.includes('\u0000') || holdsNul(entry))
  }
  return false
}

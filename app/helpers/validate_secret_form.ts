import { errors as vineErrors } from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * Validates a form of passwords like `request.validateUsing`, except that a
 * browser form's refusal flashes only the errors, never the typed input (the
 * session would otherwise keep the current password until the next request).
 * Returns null after redirecting to `backTo`; JSON requests get the 422 as usual.
 */
export async function validateSecretForm<T>(
  ctx: HttpContext,
  validate: () => Promise<T>,
  backTo: 'account.show'
): Promise<T | null> {
  try {
    return await validate()
  } catch (error) {
    if (
      !(error instanceof vineErrors.E_VALIDATION_ERROR) ||
      ctx.request.url().startsWith('/api/')
    ) {
      throw error
    }
    ctx.session.flashValidationErrors(error, false)
    ctx.response.redirect().toRoute(backTo)
    return null
  }
}

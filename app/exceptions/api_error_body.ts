import { errors as vineErrors } from '@vinejs/vine'

/**
 * One entry of a JSON error response
 */
export type ApiError = { code: string; message: string; field?: string; rule?: string }

const INVALID_CREDENTIALS = 'E_INVALID_CREDENTIALS'

/**
 * Maps any error to the API's `{ errors: [{ code, message }] }` body and
 * status. Unknown errors become a 500 without internals in production.
 */
export function apiErrorBody(error: unknown, hideInternals: boolean) {
  if (error instanceof vineErrors.E_VALIDATION_ERROR) {
    const errors: ApiError[] = error.messages.map(
      (entry: { field: string; rule: string; message: string }) => ({
        code: 'E_VALIDATION_ERROR',
        field: entry.field,
        rule: entry.rule,
        message: entry.message,
      })
    )
    return { status: 422, body: { errors } }
  }

  const failure = error as { status?: number; code?: string; message?: string; field?: unknown }
  const status = failure.code === INVALID_CREDENTIALS ? 401 : (failure.status ?? 500)
  const isServerError = status >= 500
  const message =
    isServerError && hideInternals ? 'Internal server error' : (failure.message ?? 'Error')
  const code = failure.code ?? (isServerError ? 'E_INTERNAL' : 'E_HTTP')
  const entry: ApiError = { code, message }
  if (!isServerError && typeof failure.field === 'string') {
    entry.field = failure.field
  }
  return { status, body: { errors: [entry] } }
}

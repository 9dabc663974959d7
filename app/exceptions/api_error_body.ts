import { errors as vineErrors } from '@vinejs/vine'
import { errors as lucidErrors } from '@adonisjs/lucid'

/**
 * One entry of a JSON error response
 */
type ApiError = { code: string; message: string; field?: string; rule?: string }

const INVALID_CREDENTIALS = 'E_INVALID_CREDENTIALS'

/**
 * What a missing row is called in a 404, by its model (Lucid's own message
 * is "Row not found")
 */
const MISSING_ROWS: Record<string, string> = {
  Room: 'Room not found',
  RoomMember: 'Member not found',
  Message: 'Message not found',
  User: 'User not found',
  Attachment: 'File not found',
}

/**
 * The bodyparser's refusal of a JSON body it cannot parse (a SyntaxError
 * with status 400) or that is not an object or array (strict mode)
 */
function invalidJson(error: unknown): ApiError | null {
  if (error instanceof SyntaxError && (error as { status?: number }).status === 400) {
    return { code: 'E_INVALID_JSON', message: 'The request body is not valid JSON' }
  }
  if ((error as Error | null)?.message === 'Invalid JSON, only supports object and array') {
    return { code: 'E_INVALID_JSON', message: 'The request body must be a JSON object' }
  }
  return null
}

/**
 * "Room not found" and the like for Lucid's E_ROW_NOT_FOUND
 */
function missingRow(error: unknown): ApiError | null {
  if (!(error instanceof lucidErrors.E_ROW_NOT_FOUND)) return null
  const model = (error as { model?: { name: string } }).model?.name
  return { code: 'E_ROW_NOT_FOUND', message: (model && MISSING_ROWS[model]) || 'Not found' }
}

/**
 * Maps any error to the API's `{ errors: [{ code, message }] }` body and
 * status. Unknown errors become a 500 without internals in production; a
 * 5xx error flagged `expose` (e.g. E_SEARCH_TIMEOUT) keeps its message.
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
  const json = invalidJson(error)
  if (json) return { status: 400, body: { errors: [json] } }
  const missing = missingRow(error)
  if (missing) return { status: 404, body: { errors: [missing] } }

  const failure = error as {
    status?: number
    code?: string
    message?: string
    field?: unknown
    expose?: boolean
  }
  const status = failure.code === INVALID_CREDENTIALS ? 401 : (failure.status ?? 500)
  const isServerError = status >= 500
  const message =
    isServerError && hideInternals && failure.expose !== true
      ? 'Internal server error'
      : (failure.message ?? 'Error')
  const code = failure.code ?? (isServerError ? 'E_INTERNAL' : 'E_HTTP')
  const entry: ApiError = { code, message }
  if (!isServerError && typeof failure.field === 'string') {
    entry.field = failure.field
  }
  return { status, body: { errors: [entry] } }
}

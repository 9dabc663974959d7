import { Exception } from '@adonisjs/core/exceptions'

/**
 * An `Idempotency-Key` sent again with another request body (or already
 * used as the `client_id` of another log entry): refused, nothing written
 */
export default class IdempotencyKeyReusedException extends Exception {
  static status = 409
  static code = 'E_IDEMPOTENCY_KEY_REUSED'
  static message =
    'This Idempotency-Key was already used with a different request; use a new key for a new message'
}

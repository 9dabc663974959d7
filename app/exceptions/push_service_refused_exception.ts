import { Exception } from '@adonisjs/core/exceptions'

/**
 * A push subscription whose endpoint is not on one of the push services
 * this instance sends to (PUSH_SERVICE_ORIGINS): the server would POST to
 * any URL it was given, so it refuses (422, `field: 'endpoint'`)
 */
export default class PushServiceRefusedException extends Exception {
  static status = 422
  static code = 'E_PUSH_SERVICE_NOT_ALLOWED'
  static message = 'This push service is not allowed here'

  /** The request field the error belongs to */
  readonly field = 'endpoint'
}
